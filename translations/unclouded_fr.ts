<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>QObject</name>
    <message>
        <source>True colour (B04, B03, B02)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>False colour NIR (B08, B04, B03)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agriculture (B11, B08, B02)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SWIR (B12, B8A, B04)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NDVI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom RGB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot draw the difference: band %1 is missing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>unclouded::ui::AboutDialog</name>
    <message>
        <source>About Unclouded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Unclouded %1&lt;/h2&gt;&lt;p&gt;Reconstructs the ground hidden under clouds in Sentinel-2 imagery.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;GDAL %3&lt;br&gt;LibTorch %4 (%5 threads)&lt;br&gt;OpenCV %6&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Contains modified Copernicus Sentinel data.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>unclouded::ui::DisplayPanel</name>
    <message>
        <source>2–98 % (clear pixels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min / max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Composite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stretch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gamma</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R, G, B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min, max</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>unclouded::ui::EvalPanel</name>
    <message>
        <source>OpenCV Telea</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenCV Navier–Stokes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temporal fill (needs a reference)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Checkpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoints (*.pth)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores each method on simulated clouds: the clear product is hidden behind the cloud shapes of the mask product and rebuilt; only the hidden pixels are scored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud shapes from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Methods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a clear product and the product (or mask) to take cloud shapes from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick at least one method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temporal fill needs a reference date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Evaluating %n method(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 hidden pixels scored (%2 % of the area).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on hidden pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 per band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>unclouded::ui::MainWindow</name>
    <message>
        <source>Unclouded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Open a Sentinel-2 product&lt;/h2&gt;&lt;p&gt;File ▸ Open (Ctrl+O), or drop a .SAFE folder, a .zip or a GeoTIFF here.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Product…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a Sentinel-2 product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentinel-2 products (MTD_MSIL*.xml *.zip *.tif *.tiff);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;SAFE Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a .SAFE folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to &amp;Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;1:1 (10 m per pixel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Unclouded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scene classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pixel inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still opening %1; wait for it or cancel it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Unclouded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sensing time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processing baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (pixel coordinates)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size at %1 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud cover (metadata)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sun zenith / azimuth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bands (offset)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Radiometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reflectance = (DN + offset) / quantification; DN 0 = nodata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AOI %1 x %2 px (%3 km²)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open SC&amp;L File for Current Product…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a product first, then its SCL or mask file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scene classification raster (SCL codes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rasters (*.tif *.tiff *.jp2);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Mask File for Current Product…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary mask raster (non-zero = hidden)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw AOI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag a rectangle on the map to set the area of interest (Shift+drag works any time; Esc clears it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear AOI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> + %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before / After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare the product with its reconstruction (swipe, side by side, blink, fade, difference)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconstruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 (an AOI: open it as a layer to view it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: before / after — drag the divider, B blinks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>unclouded::ui::PixelInspector</name>
    <message>
        <source>Property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wavelength (nm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reflectance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pixel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map (EPSG:%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lat, lon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nodata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NDVI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconstructed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no (unchanged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>unclouded::ui::ReconPanel</name>
    <message>
        <source>OpenCV Telea inpainting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenCV Navier–Stokes inpainting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temporal fill (reference date)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a network trained in the Training panel or with &apos;unclouded-cli train&apos; (.pth)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoints (*.pth)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the area of interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud-Optimized GeoTIFF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>float32 reflectance (default: uint16 DN with scale/offset)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the cleaned product as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF (*.tif *.tiff)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconstruct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a product with a scene classification or mask.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blink (B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Horizontal divider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NDVI (after − before)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outline rebuilt pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save View as Image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before / after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the view as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This product has no scene classification: open an SCL or mask file for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temporal fill needs a reference date: open a clear product of the same tile and choose it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, about %1 s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebuilt %1 % of the area in %2 s (%3 of %4 windows skipped). Wrote %5</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>unclouded::ui::SclPanel</name>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show overlay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outline only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask buffer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No scene classification (open a mask file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden (selected, with buffer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>counting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>unclouded::ui::SwipeView</name>
    <message>
        <source>Drag the divider to compare; B or Space blinks between before and after</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>unclouded::ui::TrainPanel</name>
    <message>
        <source>U-Net</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CNN encoder–decoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>90° rotations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoints (*.pth)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patch (px)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width / depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max patches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a product with an SCL, then Start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masked MSE (normalised)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation PSNR (dB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train (batch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>val PSNR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input (hidden outlined)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reconstruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>truth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1 / %2, batch %3 / %4, loss %5, ETA %6 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1: validation loss %2, PSNR %3 dB, %4 patches/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready to train on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a product first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to write the checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collecting clear patches and cloud shapes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training will use patches inside the AOI (%1 x %2 px).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>unclouded::ui::TrainWorker</name>
    <message>
        <source>Stopped. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best checkpoint: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped before training began.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
