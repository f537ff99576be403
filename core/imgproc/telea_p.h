// Telea's fast-marching inpainting (A. Telea, "An Image Inpainting Technique Based on the Fast
// Marching Method", 2004) on uint16 planes, computing what OpenCV 4.6's cv::inpaint(...,
// INPAINT_TELEA) computes on a CV_16UC1 image bit for bit, with two differences in how:
// - the narrow band is a binary heap ordered by (arrival time, insertion order), the order
//   OpenCV's sorted linked list pops in, where OpenCV 4.6 inserts by a linear walk (quadratic on
//   large holes: 35 s of the 10980 px tile's 768 px scene prior were that walk);
// - the march and the weights depend on the mask alone, so bands that share a mask share one
//   march and each weight is computed once for all of them.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

namespace unclouded::recon {

// Fills, in place, the pixels of each plane (w x h uint16, row-major) where mask != 0.
// radius as cv::inpaint's inpaintRange (rounded, clamped to 1..100). w and h must be 2 or more
// (std::invalid_argument otherwise): on one-pixel-wide images OpenCV reads outside the image.
// maxArrival: the march stops before the first pixel farther than that (its arrival time, about
// the distance in px to the nearest known pixel); what it filled is what the unlimited march fills,
// bit for bit, the rest keeps its values. filled (w x h, optional): 1 where a hidden pixel was filled.
void teleaInpaint16u(const std::vector<uint16_t*>& planes, const uint8_t* mask, int w, int h, double radius,
    float maxArrival = std::numeric_limits<float>::infinity(), uint8_t* filled = nullptr);

} // namespace unclouded::recon
