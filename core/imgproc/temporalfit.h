// How another date's bands are mapped onto the product's (temporal fill, the networks' temporal
// pre-fill): public, so that reconstruction options can name it.
#pragma once

#include <QString>

namespace unclouded::recon {

// CrossBand: each band from all of the other date's bands, fitted scene-wide, corrected from the
// other date's 3 x 3 neighbourhood where that helps (since session 44); CrossBandPixel: the same
// without that correction (the pixel alone, as until session 43); PerBand: a line per band and
// window (round 1's temporal fill). Auto (options only): cross-band for temporal fill, and for a
// network the fit its checkpoint was trained on (per-band for checkpoints that do not say).
// Checkpoints written before session 44 say "cross-band" for the map from the pixel alone and get
// the correction too: the shipped general_ref.pth scored +0.46 dB with it on held-out cities.
enum class TemporalFit { Auto, CrossBand, PerBand, CrossBandPixel };
// "auto", "cross-band", "per-band", "cross-band-pixel"; false for anything else.
bool parseTemporalFit(const QString& text, TemporalFit& out);
QString temporalFitName(TemporalFit f);

} // namespace unclouded::recon
