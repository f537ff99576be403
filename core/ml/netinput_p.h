// The network's input for one window or crop, built the same way in training and reconstruction
// (torch-free): pre-filled bands, the hidden mask and, for models with references, the reference
// channel, normalised per band.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/ml/training.h"

namespace unclouded::ml {

// The normalisation of band b: one pair for general (per-band) models, one per band otherwise.
inline float normAt(const std::vector<float>& v, int b)
{
    return v.size() == 1 ? v[0] : v[b];
}

// filled: bands x plane reflectance, hidden pixels already holding the pre-fill (NaN: nothing);
// hidden: 1 = unknown; refc: bands x plane for the reference channel (nullptr without one).
// Writes, for per-band models, bands samples of inChannels x plane; otherwise one sample.
void buildNetInput(const ModelConfig& cfg, const std::vector<float>& mean, const std::vector<float>& sd,
    int bands, size_t plane, const float* filled, const uint8_t* hidden, const float* refc, float* out);

// Network output (bands x plane normalised, either layout) back to reflectance.
void denormalise(
    const std::vector<float>& mean, const std::vector<float>& sd, int bands, size_t plane, float* y);

// The scene-level pre-fill as training sees it: Telea at 1/factor resolution (block means of the
// visible pixels), bilinear back up, on hidden pixels; factor 1 is plain Telea.
void coarsePrefill(
    std::vector<float>& img, const std::vector<uint8_t>& hidden, int w, int h, int bands, int factor);

} // namespace unclouded::ml
