// Training crops: random, overlapping crops from every clear area of the products (the truth),
// hidden behind real cloud shapes; validation from held-out blocks the training never sees.
// Plain buffers; torch-free.
#pragma once

#include "core/imgproc/temporal_p.h"
#include "core/ml/training.h"

namespace unclouded::ml {

struct Crop
{
    int scene = 0; // index into PatchSet::scenes
    std::vector<float> x; // bands x P x P reflectance (nodata: 0, and `own`)
    std::vector<float> refs; // references x bands x P x P (NaN = nodata)
    std::vector<uint8_t> refHidden; // references x P x P, 1 = hidden on that date
    std::vector<uint8_t>
        own; // hidden from the input and never scored (clouds of the product, nodata, validation blocks)
    std::vector<uint8_t> score; // may be scored (validation crops: inside the validation block)
};

struct SceneFits
{
    int bands = 0;
    QStringList bandNames;
    std::vector<recon::SceneFit> refFits; // per reference date: scene-wide fits
    int references = 0;
};

struct PatchSet
{
    int patch = 0, bands = 0; // bands: of the first scene (all scenes for band-specific models)
    QStringList bandNames;
    int references = 0; // reference dates per crop (0: none)
    std::vector<SceneFits> scenes;
    std::vector<Crop> train, val;
    std::vector<std::vector<uint8_t>> trainShapes, valShapes; // P x P, 1 = hidden
    bool syntheticShapes = false;
    std::vector<float> mean, std; // per band of the first scene, from ground pixels of the training crops
    int nTrain() const { return static_cast<int>(train.size()); }
    int nVal() const { return static_cast<int>(val.size()); }
};

// The crop side for an area: the requested one (0: 128), shrunk to half the area's shorter
// side, a multiple of the model's; throws Error when even the smallest does not fit.
int cropSize(int requested, int areaW, int areaH, const ModelConfig& model);

PatchSet buildPatches(const TrainOptions& options, const Progress& progress = {});

// The options of one scene of a multi-scene run (options.scenes[index]): its product, mask, dates
// and their masks (the command line's --reference masks are not a scene's), its share of crops.
TrainOptions sceneOptions(const TrainOptions& options, int index);

// Adds another set's crops and scenes (pretraining over many sources).
// Throws Error when the crops differ in size, or in bands unless the model is per band.
void appendPatches(PatchSet& to, PatchSet&& from, bool perBand = false);

// Completes a set holding fewer than 8 real training shapes with synthetic ones (and says so).
void addSyntheticShapesIfFew(PatchSet& set, quint64 seed);

// Synthetic cloud shapes (thresholded fractal noise), for scenes without enough real ones.
std::vector<std::vector<uint8_t>> syntheticShapes(int patch, int count, quint64 seed);

} // namespace unclouded::ml
