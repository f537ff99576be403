// Small helpers shared by the benchmarks.
#pragma once

#include <algorithm>
#include <vector>

namespace benchutil {

inline double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

} // namespace benchutil
