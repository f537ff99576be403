// How another date's bands are mapped onto the product's (temporal fill, the networks' temporal
// pre-fill): public, so that reconstruction options can name it.
#pragma once

#include <QString>

namespace unclouded::recon {

// CrossBand: each band from all of the other date's bands, fitted scene-wide; PerBand: a line per
// band and window (round 1's temporal fill). Auto (options only): cross-band for temporal fill, and
// for a network the fit its checkpoint was trained on (per-band for checkpoints that do not say).
enum class TemporalFit { Auto, CrossBand, PerBand };
// "auto", "cross-band", "per-band"; false for anything else.
bool parseTemporalFit(const QString& text, TemporalFit& out);
QString temporalFitName(TemporalFit f);

} // namespace unclouded::recon
