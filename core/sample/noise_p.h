// Stateless, seedable noise: every value is a pure function of (position, seed), so a scene
// is identical whatever order its blocks are computed in and however many threads run.
#pragma once

#include <cmath>
#include <cstdint>

namespace unclouded::sample {

inline uint64_t mix64(uint64_t x)
{
    // splitmix64 finaliser
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

inline uint64_t hash3(int64_t a, int64_t b, uint64_t seed)
{
    return mix64(
        static_cast<uint64_t>(a) * 0x8da6b343ULL ^ mix64(static_cast<uint64_t>(b) * 0xd8163841ULL ^ seed));
}

// Uniform in [0, 1).
inline double unit(uint64_t h)
{
    return static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0);
}
inline double hashUnit(int64_t a, int64_t b, uint64_t seed)
{
    return unit(hash3(a, b, seed));
}

inline double smooth5(double t)
{
    return t * t * t * (t * (t * 6 - 15) + 10);
}
inline double smoothstep(double e0, double e1, double x)
{
    const double t = std::fmin(1.0, std::fmax(0.0, (x - e0) / (e1 - e0)));
    return t * t * (3 - 2 * t);
}
inline double lerp(double a, double b, double t)
{
    return a + (b - a) * t;
}

// 2-D gradient noise (Perlin), roughly in [-0.7, 0.7].
inline double perlin(double x, double y, uint64_t seed)
{
    const double fx = std::floor(x), fy = std::floor(y);
    const int64_t ix = static_cast<int64_t>(fx), iy = static_cast<int64_t>(fy);
    const double dx = x - fx, dy = y - fy;
    // 16 gradient directions: a table lookup instead of cos/sin per corner.
    static const double kGx[16] = { 1, 0.9239, 0.7071, 0.3827, 0, -0.3827, -0.7071, -0.9239, -1, -0.9239,
        -0.7071, -0.3827, 0, 0.3827, 0.7071, 0.9239 };
    auto grad = [seed](int64_t gx, int64_t gy, double px, double py) {
        const unsigned k = static_cast<unsigned>(hash3(gx, gy, seed) >> 60);
        return kGx[k] * px + kGx[(k + 12) & 15] * py;
    };
    const double n00 = grad(ix, iy, dx, dy);
    const double n10 = grad(ix + 1, iy, dx - 1, dy);
    const double n01 = grad(ix, iy + 1, dx, dy - 1);
    const double n11 = grad(ix + 1, iy + 1, dx - 1, dy - 1);
    const double u = smooth5(dx), v = smooth5(dy);
    return lerp(lerp(n00, n10, u), lerp(n01, n11, u), v);
}

// Fractal Brownian motion: octaves of perlin noise, amplitude halved per octave.
inline double fbm(double x, double y, uint64_t seed, int octaves, double gain = 0.5)
{
    double sum = 0, amp = 1, norm = 0;
    for (int o = 0; o < octaves; ++o) {
        sum += amp * perlin(x, y, seed + 0x1000193ULL * o);
        norm += amp;
        amp *= gain;
        x = x * 2.03 + 17.1;
        y = y * 2.03 - 9.7;
    }
    return sum / norm * 1.6;
}

} // namespace unclouded::sample
