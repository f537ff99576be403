// Progress and cancellation for long work: plain callbacks so core stays free of QObject.
#pragma once

#include <atomic>
#include <functional>

#include <QString>

#include "core/common/error.h"

namespace unclouded {

struct Progress
{
    // fraction in [0, 1]; stage is a short, translatable description of the current step.
    std::function<void(double fraction, const QString& stage)> onProgress;
    const std::atomic<bool>* cancelFlag = nullptr;

    void report(double fraction, const QString& stage) const
    {
        if (onProgress)
            onProgress(fraction, stage);
    }
    bool isCancelled() const { return cancelFlag && cancelFlag->load(std::memory_order_relaxed); }
    void throwIfCancelled() const
    {
        if (isCancelled())
            throw Cancelled();
    }
    // A child reporter mapping [0,1] onto [from, to] of this one.
    Progress sub(double from, double to) const
    {
        Progress child;
        child.cancelFlag = cancelFlag;
        if (onProgress) {
            auto parent = onProgress;
            child.onProgress
                = [parent, from, to](double f, const QString& s) { parent(from + (to - from) * f, s); };
        }
        return child;
    }
};

} // namespace unclouded
