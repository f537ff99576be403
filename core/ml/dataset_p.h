// Training patches: clear patches (the truth) and real cloud shapes (the hiding), from separate
// spatial blocks for training and validation. Plain buffers; torch-free.
#pragma once

#include "core/ml/training.h"

namespace unclouded::ml {

struct PatchSet
{
    int patch = 0, bands = 0;
    QStringList bandNames;
    bool reference = false;
    int nTrain = 0, nVal = 0, nTrainShapes = 0, nValShapes = 0;
    std::vector<float> train, val;         // n x bands x P x P reflectance
    std::vector<float> trainRef, valRef;   // reference date, same layout (when asked for)
    std::vector<uint8_t> trainShapes, valShapes; // m x P x P, 1 = hidden
    // Per patch: pixels already hidden in the product (cloud, shadow...). Their truth is unknown:
    // they are hidden from the input too and never scored.
    std::vector<uint8_t> trainOwn, valOwn;       // n x P x P
    std::vector<float> mean, std;          // per band, from the training patches
};

PatchSet buildPatches(const TrainOptions& options, const Progress& progress = {});

} // namespace unclouded::ml
