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
#include <vector>

namespace unclouded::recon {

// Fills, in place, the pixels of each plane (w x h uint16, row-major) where mask != 0.
// radius as cv::inpaint's inpaintRange (rounded, clamped to 1..100). w and h must be 2 or more
// (std::invalid_argument otherwise): on one-pixel-wide images OpenCV reads outside the image.
void teleaInpaint16u(const std::vector<uint16_t*>& planes, const uint8_t* mask, int w, int h, double radius);

} // namespace unclouded::recon
