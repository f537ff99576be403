<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>QObject</name>
    <message>
        <source>True colour (B04, B03, B02)</source>
        <translation>Color verdadero (B04, B03, B02)</translation>
    </message>
    <message>
        <source>False colour NIR (B08, B04, B03)</source>
        <translation>Falso color NIR (B08, B04, B03)</translation>
    </message>
    <message>
        <source>Agriculture (B11, B08, B02)</source>
        <translation>Agricultura (B11, B08, B02)</translation>
    </message>
    <message>
        <source>SWIR (B12, B8A, B04)</source>
        <translation>SWIR (B12, B8A, B04)</translation>
    </message>
    <message>
        <source>NDVI</source>
        <translation>NDVI</translation>
    </message>
    <message>
        <source>Custom RGB</source>
        <translation>RGB personalizado</translation>
    </message>
    <message>
        <source>Cannot draw the difference: band %1 is missing</source>
        <translation>No se puede dibujar la diferencia: falta la banda %1</translation>
    </message>
</context>
<context>
    <name>SclClass</name>
    <message>
        <source>No data</source>
        <translation>Sin datos</translation>
    </message>
    <message>
        <source>Saturated or defective</source>
        <translation>Saturado o defectuoso</translation>
    </message>
    <message>
        <source>Dark area pixels</source>
        <translation>Píxeles de zonas oscuras</translation>
    </message>
    <message>
        <source>Cloud shadows</source>
        <translation>Sombras de nubes</translation>
    </message>
    <message>
        <source>Vegetation</source>
        <translation>Vegetación</translation>
    </message>
    <message>
        <source>Not vegetated</source>
        <translation>Sin vegetación</translation>
    </message>
    <message>
        <source>Water</source>
        <translation>Agua</translation>
    </message>
    <message>
        <source>Unclassified</source>
        <translation>Sin clasificar</translation>
    </message>
    <message>
        <source>Cloud medium probability</source>
        <translation>Nubes (probabilidad media)</translation>
    </message>
    <message>
        <source>Cloud high probability</source>
        <translation>Nubes (probabilidad alta)</translation>
    </message>
    <message>
        <source>Thin cirrus</source>
        <translation>Cirros finos</translation>
    </message>
    <message>
        <source>Snow or ice</source>
        <translation>Nieve o hielo</translation>
    </message>
    <message>
        <source>Mask: clear</source>
        <translation>Máscara: despejado</translation>
    </message>
    <message>
        <source>Mask: hidden</source>
        <translation>Máscara: oculto</translation>
    </message>
    <message>
        <source>Class %1</source>
        <translation>Clase %1</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>Hectares (ha)</source>
        <translation>Hectáreas (ha)</translation>
    </message>
    <message>
        <source>Acres (ac)</source>
        <translation>Acres (ac)</translation>
    </message>
    <message>
        <source>Square kilometres (km²)</source>
        <translation>Kilómetros cuadrados (km²)</translation>
    </message>
    <message>
        <source>Square metres (m²)</source>
        <translation>Metros cuadrados (m²)</translation>
    </message>
    <message>
        <source>Reflectance (0–1)</source>
        <translation>Reflectancia (0–1)</translation>
    </message>
    <message>
        <source>Scaled reflectance (× 10 000)</source>
        <translation>Reflectancia escalada (× 10 000)</translation>
    </message>
    <message>
        <source>nodata</source>
        <translation>sin datos</translation>
    </message>
    <message>
        <source>Reflectance × 10 000</source>
        <translation>Reflectancia × 10 000</translation>
    </message>
    <message>
        <source>Reflectance</source>
        <translation>Reflectancia</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::AboutDialog</name>
    <message>
        <source>About Unclouded</source>
        <translation>Acerca de Unclouded</translation>
    </message>
    <message>
        <source>&lt;p&gt;Contains modified Copernicus Sentinel data.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Contiene datos modificados de Copernicus Sentinel.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;h2&gt;Unclouded %1&lt;/h2&gt;&lt;p&gt;Reconstructs the ground hidden under clouds in Sentinel-2 imagery.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;GDAL %3&lt;br&gt;LibTorch %4 (%n thread(s))&lt;br&gt;OpenCV %5&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;h2&gt;Unclouded %1&lt;/h2&gt;&lt;p&gt;Reconstruye el suelo oculto bajo las nubes en imágenes Sentinel-2.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;GDAL %3&lt;br&gt;LibTorch %4 (%n hilo)&lt;br&gt;OpenCV %5&lt;/p&gt;</numerusform>
            <numerusform>&lt;h2&gt;Unclouded %1&lt;/h2&gt;&lt;p&gt;Reconstruye el suelo oculto bajo las nubes en imágenes Sentinel-2.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;GDAL %3&lt;br&gt;LibTorch %4 (%n hilos)&lt;br&gt;OpenCV %5&lt;/p&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>unclouded::ui::AdvancedOptions</name>
    <message>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <source>Each band from all bands (cross-band)</source>
        <translation>Cada banda a partir de todas las bandas (entre bandas)</translation>
    </message>
    <message>
        <source>A line per band and window</source>
        <translation>Una recta por banda y ventana</translation>
    </message>
    <message>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <source>bfloat16</source>
        <translation>bfloat16</translation>
    </message>
    <message>
        <source>The networks&apos; arithmetic. bfloat16 is about 1.6x faster on processors that compute it natively, with no loss measured; elsewhere it is emulated and slower. Automatic uses it only where it is native</source>
        <translation>La aritmética de las redes. bfloat16 es unas 1,6 veces más rápido en procesadores que lo calculan de forma nativa, sin pérdida medida; en otros se emula y es más lento. Automático solo lo usa donde es nativo</translation>
    </message>
    <message>
        <source>Near their native resolution</source>
        <translation>Cerca de su resolución nativa</translation>
    </message>
    <message>
        <source>All on the 10 m grid</source>
        <translation>Todas en la cuadrícula de 10 m</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avanzado</translation>
    </message>
    <message>
        <source>Reference mapping</source>
        <translation>Ajuste de la referencia</translation>
    </message>
    <message>
        <source>Arithmetic</source>
        <translation>Aritmética</translation>
    </message>
    <message>
        <source>At 20 m or coarser</source>
        <translation>A 20 m o más gruesa</translation>
    </message>
    <message>
        <source>General model: at which resolution the bands&apos; corrections are computed. Native (the 20 m and 60 m bands at theirs) is about 2x less work on 12 bands, 20 m or coarser (the 10 m bands too) about 4x. Automatic: 20 m or coarser with one date, the 10 m grid when it starts from a reference date</source>
        <translation>Modelo general: a qué resolución se calculan las correcciones de las bandas. Nativa (las bandas de 20 m y 60 m a la suya) es aproximadamente la mitad de trabajo con 12 bandas; 20 m o más gruesa (también las bandas de 10 m), aproximadamente una cuarta parte. Automático: 20 m o más gruesa con una fecha, la cuadrícula de 10 m cuando parte de una fecha de referencia</translation>
    </message>
    <message>
        <source>Band resolution</source>
        <translation>Resolución de las bandas</translation>
    </message>
    <message>
        <source>Cross-band, from the pixel alone</source>
        <translation>Entre bandas, solo a partir del píxel</translation>
    </message>
    <message>
        <source>How the reference date is mapped onto this product before it fills hidden pixels. Cross-band also corrects the map from the reference&apos;s 3 x 3 neighbourhood where held-out pixels show that helps (the dates&apos; sub-pixel misregistration). Automatic: cross-band for temporal fill; for a network, what it was trained on (another mapping gives it a start it never learned from)</source>
        <translation>Cómo se ajusta la fecha de referencia a este producto antes de rellenar los píxeles ocultos. Entre bandas también corrige el ajuste a partir del vecindario 3 x 3 de la referencia donde los píxeles reservados muestran que ayuda (el desregistro subpíxel entre las fechas). Automático: entre bandas para el relleno temporal; para una red, aquello con lo que se entrenó (otro ajuste le da un punto de partida con el que nunca aprendió)</translation>
    </message>
    <message>
        <source>Solved with the cloud</source>
        <translation>Resueltos con la nube</translation>
    </message>
    <message>
        <source>Kept as seen</source>
        <translation>Conservados tal como se ven</translation>
    </message>
    <message>
        <source>The scene classification often leaves a cloud&apos;s hazy fringe and bright specks inside it marked clear. A harmonic fill (Harmonic fill, the General model with one date) that keeps them spreads their brightness into the cloud as bright discs. Solved: hazy pixels reached from a cloud, up to 1 km, are filled with it, and still written as they were. Automatic: solved</source>
        <translation>La clasificación de la escena suele dejar marcados como despejados el borde brumoso de una nube y las manchas brillantes dentro de ella. Un relleno armónico (Relleno armónico, el modelo general con una fecha) que los conserva extiende su brillo dentro de la nube como discos brillantes. Resueltos: los píxeles brumosos alcanzados desde una nube, hasta 1 km, se rellenan con ella y se escriben igualmente como estaban. Automático: resueltos</translation>
    </message>
    <message>
        <source>How other dates are mapped, the networks&apos; arithmetic and the resolution of their corrections, hazy cloud fringes</source>
        <translation>Cómo se ajustan otras fechas, la aritmética de las redes y la resolución de sus correcciones, los bordes brumosos de las nubes</translation>
    </message>
    <message>
        <source>Hazy cloud fringes</source>
        <translation>Bordes brumosos de las nubes</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::Credentials</name>
    <message>
        <source>%1 (is a keychain service such as GNOME Keyring or KWallet running?)</source>
        <translation>%1 (¿hay un servicio de llavero como GNOME Keyring o KWallet en marcha?)</translation>
    </message>
    <message>
        <source>no login kept for it</source>
        <translation>no hay inicio de sesión guardado</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::DisplayPanel</name>
    <message>
        <source>2–98 % (clear pixels)</source>
        <translation>2–98 % (píxeles despejados)</translation>
    </message>
    <message>
        <source>Min / max</source>
        <translation>Mín. / máx.</translation>
    </message>
    <message>
        <source>Composite</source>
        <translation>Composición</translation>
    </message>
    <message>
        <source>Stretch</source>
        <translation>Estiramiento</translation>
    </message>
    <message>
        <source>Gamma</source>
        <translation>Gamma</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>R, G, B</source>
        <translation>R, G, B</translation>
    </message>
    <message>
        <source>Min, max</source>
        <translation>Mín., máx.</translation>
    </message>
    <message>
        <source>Which bands the map shows as red, green and blue (or the NDVI ramp)</source>
        <translation>Qué bandas muestra el mapa como rojo, verde y azul (o la escala NDVI)</translation>
    </message>
    <message>
        <source>How reflectance maps to brightness: the 2nd to 98th percentile of the clear pixels, the full range, or your own limits</source>
        <translation>Cómo la reflectancia se convierte en brillo: del percentil 2 al 98 de los píxeles despejados, el rango completo o sus propios límites</translation>
    </message>
    <message>
        <source>Brightness curve after the stretch: above 1 brightens the dark tones</source>
        <translation>Curva de brillo tras el estiramiento: por encima de 1 aclara los tonos oscuros</translation>
    </message>
    <message>
        <source>Band shown in red</source>
        <translation>Banda mostrada en rojo</translation>
    </message>
    <message>
        <source>Band shown in green</source>
        <translation>Banda mostrada en verde</translation>
    </message>
    <message>
        <source>Band shown in blue</source>
        <translation>Banda mostrada en azul</translation>
    </message>
    <message>
        <source>Reflectance shown as black</source>
        <translation>Reflectancia mostrada en negro</translation>
    </message>
    <message>
        <source>Reflectance shown as white</source>
        <translation>Reflectancia mostrada en blanco</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::EvalPanel</name>
    <message>
        <source>OpenCV Telea</source>
        <translation>OpenCV Telea</translation>
    </message>
    <message>
        <source>OpenCV Navier–Stokes</source>
        <translation>OpenCV Navier–Stokes</translation>
    </message>
    <message>
        <source>Temporal fill (needs a reference)</source>
        <translation>Relleno temporal (requiere una referencia)</translation>
    </message>
    <message>
        <source>Add Checkpoint…</source>
        <translation>Añadir punto de control…</translation>
    </message>
    <message>
        <source>Choose a checkpoint</source>
        <translation>Elegir un punto de control</translation>
    </message>
    <message>
        <source>Checkpoints (*.pth)</source>
        <translation>Puntos de control (*.pth)</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Evaluar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Scores each method on simulated clouds: the clear product is hidden behind the cloud shapes of the mask product and rebuilt; only the hidden pixels are scored.</source>
        <translation>Evalúa cada método sobre nubes simuladas: el producto despejado se oculta tras las formas de nube del producto de máscara y se reconstruye; solo se evalúan los píxeles ocultos.</translation>
    </message>
    <message>
        <source>Export the scores</source>
        <translation>Exportar las puntuaciones</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Clear product</source>
        <translation>Producto despejado</translation>
    </message>
    <message>
        <source>Cloud shapes from</source>
        <translation>Formas de nube de</translation>
    </message>
    <message>
        <source>Reference date</source>
        <translation>Fecha de referencia</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>Métodos</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>Tiempo (s)</translation>
    </message>
    <message>
        <source>Choose a clear product and the product (or mask) to take cloud shapes from.</source>
        <translation>Elija un producto despejado y el producto (o la máscara) del que tomar las formas de nube.</translation>
    </message>
    <message>
        <source>Tick at least one method.</source>
        <translation>Marque al menos un método.</translation>
    </message>
    <message>
        <source>Temporal fill needs a reference date.</source>
        <translation>El relleno temporal requiere una fecha de referencia.</translation>
    </message>
    <message numerus="yes">
        <source>Evaluating %n method(s)…</source>
        <translation>
            <numerusform>Evaluando %n método…</numerusform>
            <numerusform>Evaluando %n métodos…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <source>%1 on hidden pixels</source>
        <translation>%1 en los píxeles ocultos</translation>
    </message>
    <message>
        <source>%1 per band</source>
        <translation>%1 por banda</translation>
    </message>
    <message>
        <source>General model (pretrained)</source>
        <translation>Modelo general (preentrenado)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln hidden pixel(s) scored (%L1 % of the area).</source>
        <translation>
            <numerusform>%Ln píxel oculto evaluado (%L1 % del área).</numerusform>
            <numerusform>%Ln píxeles ocultos evaluados (%L1 % del área).</numerusform>
        </translation>
    </message>
    <message>
        <source>A clear product (or a truth GeoTIFF): its pixels are hidden, rebuilt and compared with what was there</source>
        <translation>Un producto despejado (o un GeoTIFF de referencia): sus píxeles se ocultan, se reconstruyen y se comparan con el original</translation>
    </message>
    <message>
        <source>The product whose clouds give the shapes hidden in the clear product</source>
        <translation>El producto cuyas nubes dan las formas ocultas en el producto despejado</translation>
    </message>
    <message>
        <source>Score a trained network (.pth) beside the other methods</source>
        <translation>Evaluar una red entrenada (.pth) junto a los demás métodos</translation>
    </message>
    <message>
        <source>Hide the clear product behind the cloud masks, rebuild it with every ticked method and score the hidden pixels</source>
        <translation>Ocultar el producto despejado tras las máscaras de nubes, reconstruirlo con cada método marcado y evaluar los píxeles ocultos</translation>
    </message>
    <message>
        <source>Stop the evaluation</source>
        <translation>Detener la evaluación</translation>
    </message>
    <message>
        <source>The scores per method and band as a CSV file</source>
        <translation>Las puntuaciones por método y banda como archivo CSV</translation>
    </message>
    <message>
        <source>The metric the charts show</source>
        <translation>La métrica que muestran los gráficos</translation>
    </message>
    <message>
        <source>Charts show</source>
        <translation>Gráficos muestran</translation>
    </message>
    <message>
        <source>General model, one date (pretrained)</source>
        <translation>Modelo general, una fecha (preentrenado)</translation>
    </message>
    <message>
        <source>With a reference date, the model that corrects the temporal fill</source>
        <translation>Con una fecha de referencia, el modelo que corrige el relleno temporal</translation>
    </message>
    <message>
        <source>The one-date model even when a reference date is given: what the other date adds</source>
        <translation>El modelo de una fecha aunque se indique una fecha de referencia: lo que aporta la otra fecha</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguna)</translation>
    </message>
    <message>
        <source>Other dates of the clear product&apos;s tile, for temporal fill and the networks that use them (optional)</source>
        <translation>Otras fechas de la tesela del producto despejado, para el relleno temporal y las redes que las usan (opcional)</translation>
    </message>
    <message>
        <source>Harmonic fill</source>
        <translation>Relleno armónico</translation>
    </message>
    <message>
        <source>Each hidden pixel the mean of its neighbours: the smoothest surface that meets the cloud&apos;s edge</source>
        <translation>Cada píxel oculto es la media de sus vecinos: la superficie más suave que se une al borde de la nube</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>Se escribió %1</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Abriendo %1…</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Advertencia: %1</translation>
    </message>
    <message>
        <source>PSNR (dB)</source>
        <translation>PSNR (dB)</translation>
    </message>
    <message>
        <source>SSIM</source>
        <translation>SSIM</translation>
    </message>
    <message>
        <source>SAM (°)</source>
        <translation>SAM (°)</translation>
    </message>
    <message>
        <source>MAE</source>
        <translation>MAE</translation>
    </message>
    <message>
        <source>RMSE</source>
        <translation>RMSE</translation>
    </message>
    <message>
        <source>NDVI MAE</source>
        <translation>MAE del NDVI</translation>
    </message>
    <message>
        <source>Only the area of interest</source>
        <translation>Solo el área de interés</translation>
    </message>
    <message>
        <source>Score only the rectangle drawn on the map (Draw AOI or Shift+drag): on a whole tile each method rebuilds all of it otherwise</source>
        <translation>Evaluar solo el rectángulo dibujado en el mapa (Dibujar área de interés o Mayús+arrastrar): si no, cada método reconstruye la tesela entera</translation>
    </message>
    <message>
        <source>The area of interest is drawn on the map&apos;s layer, and the clear product lies on another grid: untick “Only the area of interest”, or draw it over the clear product.</source>
        <translation>El área de interés está dibujada sobre la capa del mapa y el producto despejado está en otra cuadrícula: desmarque «Solo el área de interés» o dibújela sobre el producto despejado.</translation>
    </message>
    <message>
        <source>Only the area of interest, %1 x %2 px.</source>
        <translation>Solo el área de interés, %1 x %2 px.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::FieldsPanel</name>
    <message>
        <source>Field</source>
        <translation>Parcela</translation>
    </message>
    <message>
        <source>Hidden %</source>
        <translation>Oculto %</translation>
    </message>
    <message>
        <source>Rebuilt %</source>
        <translation>Reconstruido %</translation>
    </message>
    <message>
        <source>%1 before</source>
        <translation>%1 antes</translation>
    </message>
    <message>
        <source>%1 after</source>
        <translation>%1 después</translation>
    </message>
    <message>
        <source>Pixels</source>
        <translation>Píxeles</translation>
    </message>
    <message>
        <source>No parcels: open a field boundary file (GeoPackage, GeoJSON, Shapefile, FlatGeobuf, KML) or drop one on the window.</source>
        <translation>Sin parcelas: abra un archivo de límites de parcelas (GeoPackage, GeoJSON, Shapefile, FlatGeobuf, KML) o arrástrelo a la ventana.</translation>
    </message>
    <message>
        <source>Open Parcels…</source>
        <translation>Abrir parcelas…</translation>
    </message>
    <message>
        <source>Field boundaries in any CRS; they are placed on the product&apos;s grid</source>
        <translation>Límites de parcelas en cualquier SRC; se colocan sobre la malla del producto</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Calcular</translation>
    </message>
    <message>
        <source>Statistics of every open layer (products and reconstructions) per field</source>
        <translation>Estadísticas de cada capa abierta (productos y reconstrucciones) por parcela</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Export GeoPackage…</source>
        <translation>Exportar GeoPackage…</translation>
    </message>
    <message>
        <source>The parcels with the statistics as attributes: opens in QGIS</source>
        <translation>Las parcelas con las estadísticas como atributos: se abre en QGIS</translation>
    </message>
    <message>
        <source>Every pixel a field touches</source>
        <translation>Todo píxel que toque la parcela</translation>
    </message>
    <message>
        <source>Off: a pixel belongs to a field when its centre lies inside (GDAL rasterisation)</source>
        <translation>Desactivado: un píxel pertenece a una parcela si su centro está dentro (rasterización de GDAL)</translation>
    </message>
    <message>
        <source>The layer the table shows</source>
        <translation>La capa que muestra la tabla</translation>
    </message>
    <message>
        <source>The attribute that names each field</source>
        <translation>El atributo que da nombre a cada parcela</translation>
    </message>
    <message>
        <source>Select a field in the table or click one on the map.</source>
        <translation>Seleccione una parcela en la tabla o haga clic en una en el mapa.</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Capa</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Índice</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Open a product first: the parcels are placed on its grid.</source>
        <translation>Abra primero un producto: las parcelas se colocan sobre su malla.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n field(s) on the product (label: %2)</source>
        <translation>
            <numerusform>%1: %n parcela en el producto (etiqueta: %2)</numerusform>
            <numerusform>%1: %n parcelas en el producto (etiqueta: %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n repaired</source>
        <translation>
            <numerusform>%n reparada</numerusform>
            <numerusform>%n reparadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n outside the product</source>
        <translation>
            <numerusform>%n fuera del producto</numerusform>
            <numerusform>%n fuera del producto</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped (not polygons or empty)</source>
        <translation>
            <numerusform>%n omitida (no es un polígono o está vacía)</numerusform>
            <numerusform>%n omitidas (no son polígonos o están vacías)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Computing the statistics of %n layer(s)…</source>
        <translation>
            <numerusform>Calculando las estadísticas de %n capa…</numerusform>
            <numerusform>Calculando las estadísticas de %n capas…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s) computed</source>
        <translation>
            <numerusform>%n capa calculada</numerusform>
            <numerusform>%n capas calculadas</numerusform>
        </translation>
    </message>
    <message>
        <source>; skipped: %1</source>
        <translation>; omitidos: %1</translation>
    </message>
    <message>
        <source>%1 (product)</source>
        <translation>%1 (producto)</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Open parcels and compute to see each field&apos;s numbers.</source>
        <translation>Abra parcelas y calcule para ver los valores de cada parcela.</translation>
    </message>
    <message>
        <source>Before / after of the selected field</source>
        <translation>Antes / después de la parcela seleccionada</translation>
    </message>
    <message>
        <source>The selected field over the dates (open several dates as layers)</source>
        <translation>La parcela seleccionada a lo largo de las fechas (abra varias fechas como capas)</translation>
    </message>
    <message>
        <source>Hidden %1 % (cloud %2, shadow %3, cirrus %4, snow %5)</source>
        <translation>Oculto %1 % (nubes %2, sombras %3, cirros %4, nieve %5)</translation>
    </message>
    <message>
        <source>; rebuilt %1 % by %2</source>
        <translation>; %1 % reconstruido con %2</translation>
    </message>
    <message>
        <source>before (visible)</source>
        <translation>antes (visible)</translation>
    </message>
    <message>
        <source>after (all pixels)</source>
        <translation>después (todos los píxeles)</translation>
    </message>
    <message>
        <source>Before (visible)</source>
        <translation>Antes (visible)</translation>
    </message>
    <message>
        <source>After (all pixels)</source>
        <translation>Después (todos los píxeles)</translation>
    </message>
    <message>
        <source>Field %1: mean of each index</source>
        <translation>Parcela %1: media de cada índice</translation>
    </message>
    <message>
        <source>%1 over time</source>
        <translation>%1 a lo largo del tiempo</translation>
    </message>
    <message>
        <source>clear</source>
        <translation>despejado</translation>
    </message>
    <message>
        <source>rebuilt</source>
        <translation>reconstruido</translation>
    </message>
    <message>
        <source>hidden (visible part)</source>
        <translation>oculto (parte visible)</translation>
    </message>
    <message>
        <source>%1: %2 %3; hidden %4 %%5</source>
        <translation>%1: %2 %3; oculto %4 %%5</translation>
    </message>
    <message>
        <source>, rebuilt %1 % (%2)</source>
        <translation>, reconstruido %1 % (%2)</translation>
    </message>
    <message>
        <source>Field %1: %2 per date</source>
        <translation>Parcela %1: %2 por fecha</translation>
    </message>
    <message>
        <source>Open Parcels</source>
        <translation>Abrir parcelas</translation>
    </message>
    <message>
        <source>Export GeoPackage</source>
        <translation>Exportar GeoPackage</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exportar CSV</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>Se escribió %1</translation>
    </message>
    <message>
        <source>Stop computing the statistics</source>
        <translation>Detener el cálculo de las estadísticas</translation>
    </message>
    <message>
        <source>The table of every field and layer as a CSV file</source>
        <translation>La tabla de todas las parcelas y capas como archivo CSV</translation>
    </message>
    <message>
        <source>The index the chart shows per date</source>
        <translation>El índice que el gráfico muestra por fecha</translation>
    </message>
    <message>
        <source>Area (%1)</source>
        <translation>Superficie (%1)</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; — %2, %Ln pixel(s)&lt;br&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %2, %Ln píxel&lt;br&gt;</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %2, %Ln píxeles&lt;br&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Leyendo %1…</translation>
    </message>
    <message>
        <source>Vector data (*.gpkg *.geojson *.json *.shp *.zip *.fgb *.kml *.gml);;All files (*)</source>
        <translation>Datos vectoriales (*.gpkg *.geojson *.json *.shp *.zip *.fgb *.kml *.gml);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Added the layers to %1 (its other layers are kept)</source>
        <translation>Capas añadidas a %1 (se conservan sus otras capas)</translation>
    </message>
    <message>
        <source>The selected field over the dates</source>
        <translation>La parcela seleccionada a lo largo de las fechas</translation>
    </message>
    <message>
        <source>%1 exists and is not a GeoPackage: it is left as it is. Choose another name.</source>
        <translation>%1 existe y no es un GeoPackage: se deja como está. Elija otro nombre.</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Escribiendo %1…</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::MainWindow</name>
    <message>
        <source>Unclouded</source>
        <translation>Unclouded</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Open Product…</source>
        <translation>&amp;Abrir producto…</translation>
    </message>
    <message>
        <source>Open a Sentinel-2 product</source>
        <translation>Abrir un producto Sentinel-2</translation>
    </message>
    <message>
        <source>Open &amp;SAFE Folder…</source>
        <translation>Abrir carpeta &amp;SAFE…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Sal&amp;ir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>Zoom to &amp;Fit</source>
        <translation>&amp;Ajustar a la ventana</translation>
    </message>
    <message>
        <source>Zoom &amp;1:1 (10 m per pixel)</source>
        <translation>Zoom &amp;1:1 (10 m por píxel)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>A&amp;cercar</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Al&amp;ejar</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;About Unclouded</source>
        <translation>&amp;Acerca de Unclouded</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Barra principal</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Capas</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Propiedad</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Visualización</translation>
    </message>
    <message>
        <source>Scene classes</source>
        <translation>Clases de escena</translation>
    </message>
    <message>
        <source>Pixel inspector</source>
        <translation>Inspector de píxeles</translation>
    </message>
    <message>
        <source>Still opening %1; wait for it or cancel it first.</source>
        <translation>Todavía se está abriendo %1; espere o cancele primero.</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Abriendo %1…</translation>
    </message>
    <message>
        <source>Opening cancelled</source>
        <translation>Apertura cancelada</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>Se abrió %1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Advertencia: %1</translation>
    </message>
    <message>
        <source>%1 — Unclouded</source>
        <translation>%1 — Unclouded</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Sensing time</source>
        <translation>Fecha de adquisición</translation>
    </message>
    <message>
        <source>Tile</source>
        <translation>Tesela</translation>
    </message>
    <message>
        <source>Processing baseline</source>
        <translation>Línea base de procesamiento</translation>
    </message>
    <message>
        <source>CRS</source>
        <translation>SRC</translation>
    </message>
    <message>
        <source>none (pixel coordinates)</source>
        <translation>ninguno (coordenadas de píxel)</translation>
    </message>
    <message>
        <source>Size at %1 m</source>
        <translation>Tamaño a %1 m</translation>
    </message>
    <message>
        <source>Cloud cover (metadata)</source>
        <translation>Cobertura de nubes (metadatos)</translation>
    </message>
    <message>
        <source>Sun zenith / azimuth</source>
        <translation>Cenit / acimut solar</translation>
    </message>
    <message>
        <source>Bands (offset)</source>
        <translation>Bandas (desplazamiento)</translation>
    </message>
    <message>
        <source>Radiometry</source>
        <translation>Radiometría</translation>
    </message>
    <message>
        <source>reflectance = (DN + offset) / quantification; DN 0 = nodata</source>
        <translation>reflectancia = (ND + desplazamiento) / cuantificación; ND 0 = sin datos</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>Open SC&amp;L File for Current Product…</source>
        <translation>Abrir archivo SC&amp;L del producto actual…</translation>
    </message>
    <message>
        <source>Open a product first, then its SCL or mask file.</source>
        <translation>Abra primero un producto y después su archivo SCL o de máscara.</translation>
    </message>
    <message>
        <source>Scene classification raster (SCL codes)</source>
        <translation>Ráster de clasificación de escena (códigos SCL)</translation>
    </message>
    <message>
        <source>Rasters (*.tif *.tiff *.jp2);;All files (*)</source>
        <translation>Ráster (*.tif *.tiff *.jp2);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Open &amp;Mask File for Current Product…</source>
        <translation>Abrir archivo de &amp;máscara del producto actual…</translation>
    </message>
    <message>
        <source>Draw AOI</source>
        <translation>Dibujar área de interés</translation>
    </message>
    <message>
        <source>Drag a rectangle on the map to set the area of interest (Shift+drag works any time; Esc clears it)</source>
        <translation>Arrastre un rectángulo en el mapa para fijar el área de interés (Mayús+arrastrar funciona siempre; Esc la borra)</translation>
    </message>
    <message>
        <source>Clear AOI</source>
        <translation>Borrar área de interés</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entrenamiento</translation>
    </message>
    <message>
        <source> + %1</source>
        <translation> + %1</translation>
    </message>
    <message>
        <source>Before / After</source>
        <translation>Antes / Después</translation>
    </message>
    <message>
        <source>Compare the product with its reconstruction (swipe, side by side, blink, fade, difference)</source>
        <translation>Comparar el producto con su reconstrucción (deslizar, lado a lado, parpadeo, fundido, diferencia)</translation>
    </message>
    <message>
        <source>Reconstruction</source>
        <translation>Reconstrucción</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Evaluación</translation>
    </message>
    <message>
        <source>Wrote %1 (an AOI: open it as a layer to view it)</source>
        <translation>Se escribió %1 (un área de interés: ábrala como capa para verla)</translation>
    </message>
    <message>
        <source>%1: before / after — drag the divider, B blinks</source>
        <translation>%1: antes / después — arrastre el divisor, B parpadea</translation>
    </message>
    <message>
        <source>A .SAFE folder, or a folder of one GeoTIFF / COG / JP2 per band (B02.tif, blue.tif, …_B02_10m.jp2) with its SCL</source>
        <translation>Una carpeta .SAFE, o una carpeta con un GeoTIFF / COG / JP2 por banda (B02.tif, blue.tif, …_B02_10m.jp2) con su SCL</translation>
    </message>
    <message>
        <source>Open a .SAFE folder or a folder of band files</source>
        <translation>Abrir una carpeta .SAFE o una carpeta de archivos de bandas</translation>
    </message>
    <message>
        <source>Open &amp;Parcels…</source>
        <translation>Abrir &amp;parcelas…</translation>
    </message>
    <message>
        <source>Field boundaries: GeoPackage, GeoJSON, Shapefile, FlatGeobuf, KML</source>
        <translation>Límites de parcelas: GeoPackage, GeoJSON, Shapefile, FlatGeobuf, KML</translation>
    </message>
    <message>
        <source>Open a product first: the parcels are placed on its grid.</source>
        <translation>Abra primero un producto: las parcelas se colocan sobre su malla.</translation>
    </message>
    <message>
        <source>Open Parcels</source>
        <translation>Abrir parcelas</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>The new language is used when Unclouded is started again.</source>
        <translation>El nuevo idioma se usará la próxima vez que se inicie Unclouded.</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>&amp;Restablecer disposición</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Parcelas</translation>
    </message>
    <message>
        <source>AOI %1 x %2 px (%L3 km²)</source>
        <translation>Área de interés %1 x %2 px (%L3 km²)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Configuración</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Preferencias…</translation>
    </message>
    <message>
        <source>&amp;User Guide</source>
        <translation>&amp;Guía del usuario</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>A&amp;tajos de teclado</translation>
    </message>
    <message>
        <source>Preferences saved.</source>
        <translation>Preferencias guardadas.</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Búsqueda</translation>
    </message>
    <message>
        <source>&amp;Inspect</source>
        <translation>&amp;Inspeccionar</translation>
    </message>
    <message>
        <source>Layers, display, product metadata, scene classes and the pixel inspector</source>
        <translation>Capas, visualización, metadatos del producto, clases de escena e inspector de píxeles</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>E&amp;ntrenar</translation>
    </message>
    <message>
        <source>Train a network on the product&apos;s clear areas</source>
        <translation>Entrenar una red con las zonas despejadas del producto</translation>
    </message>
    <message>
        <source>&amp;Reconstruct</source>
        <translation>&amp;Reconstruir</translation>
    </message>
    <message>
        <source>Rebuild the hidden pixels and compare before and after</source>
        <translation>Reconstruir los píxeles ocultos y comparar antes y después</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>E&amp;valuar</translation>
    </message>
    <message>
        <source>Score the methods on simulated clouds or against a truth</source>
        <translation>Evaluar los métodos con nubes simuladas o frente a una verdad de referencia</translation>
    </message>
    <message>
        <source>&amp;Fields</source>
        <translation>&amp;Parcelas</translation>
    </message>
    <message>
        <source>Field boundaries and per-field statistics</source>
        <translation>Límites de las parcelas y estadísticas por parcela</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Búsqueda</translation>
    </message>
    <message>
        <source>Search a STAC catalogue and download products</source>
        <translation>Buscar en un catálogo STAC y descargar productos</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tareas</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>&amp;Tarea</translation>
    </message>
    <message>
        <source>Stop opening the product</source>
        <translation>Detener la apertura del producto</translation>
    </message>
    <message>
        <source>Open a Sentinel-2 product: a SAFE folder, .zip or MTD_MSIL*.xml, a STAC item or a GeoTIFF</source>
        <translation>Abrir un producto Sentinel-2: carpeta SAFE, .zip o MTD_MSIL*.xml, un elemento STAC o un GeoTIFF</translation>
    </message>
    <message>
        <source>Show the whole product (Ctrl+0)</source>
        <translation>Mostrar todo el producto (Ctrl+0)</translation>
    </message>
    <message>
        <source>One screen pixel per 10 m pixel (Ctrl+1)</source>
        <translation>Un píxel de pantalla por cada píxel de 10 m (Ctrl+1)</translation>
    </message>
    <message>
        <source>Zoom in on the centre of the map (the mouse wheel zooms where it points)</source>
        <translation>Acercar al centro del mapa (la rueda del ratón acerca donde apunta)</translation>
    </message>
    <message>
        <source>Zoom out from the centre of the map</source>
        <translation>Alejar desde el centro del mapa</translation>
    </message>
    <message>
        <source>Remove the area of interest: jobs cover the whole product again (Esc on the map)</source>
        <translation>Quitar el área de interés: los trabajos vuelven a cubrir todo el producto (Esc en el mapa)</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>Mask Values</source>
        <translation>Valores de la máscara</translation>
    </message>
    <message>
        <source>This mask holds the values %1.
Which of them hide the ground? The others count as clear.
Values and ranges, e.g. 2,3,4 (Fmask&apos;s shadow, snow and cloud) or 40-100 (a cloud probability).</source>
        <translation>Esta máscara contiene los valores %1.
¿Cuáles ocultan el suelo? Los demás cuentan como despejados.
Valores y rangos, p. ej. 2,3,4 (sombra, nieve y nube de Fmask) o 40-100 (una probabilidad de nube).</translation>
    </message>
    <message>
        <source>Mask (raster: non-zero = hidden; polygons: hidden)</source>
        <translation>Máscara (ráster: distinto de cero = oculto; polígonos: oculto)</translation>
    </message>
    <message>
        <source>Masks (*.tif *.tiff *.jp2 *.gml *.gpkg *.shp *.geojson *.kml *.kmz *.fgb);;Rasters (*.tif *.tiff *.jp2);;Polygons (*.gml *.gpkg *.shp *.geojson *.kml *.kmz *.fgb);;All files (*)</source>
        <translation>Máscaras (*.tif *.tiff *.jp2 *.gml *.gpkg *.shp *.geojson *.kml *.kmz *.fgb);;Ráster (*.tif *.tiff *.jp2);;Polígonos (*.gml *.gpkg *.shp *.geojson *.kml *.kmz *.fgb);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Reading the values of %1…</source>
        <translation>Leyendo los valores de %1…</translation>
    </message>
    <message>
        <source>The current layer changed while %1 was read: select %2 and open the mask again.</source>
        <translation>La capa actual cambió mientras se leía %1: seleccione %2 y vuelva a abrir la máscara.</translation>
    </message>
    <message>
        <source>This mask holds 16-bit flags; the bits set are %1.
Which bits hide the ground? Pixels with none of them set count as clear.
Bits 0-15, comma-separated, e.g. 10,11 (QA60&apos;s opaque clouds and cirrus).</source>
        <translation>Esta máscara contiene indicadores de 16 bits; los bits activos son %1.
¿Qué bits ocultan el suelo? Los píxeles sin ninguno de ellos cuentan como despejados.
Bits 0-15, separados por comas, p. ej. 10,11 (las nubes opacas y los cirros de QA60).</translation>
    </message>
    <message>
        <source>Mask Bits</source>
        <translation>Bits de la máscara</translation>
    </message>
    <message>
        <source>a reconstruction</source>
        <translation>una reconstrucción</translation>
    </message>
    <message>
        <source>a training run</source>
        <translation>un entrenamiento</translation>
    </message>
    <message>
        <source>an evaluation</source>
        <translation>una evaluación</translation>
    </message>
    <message>
        <source>the field statistics</source>
        <translation>las estadísticas de las parcelas</translation>
    </message>
    <message>
        <source>a search or download</source>
        <translation>una búsqueda o descarga</translation>
    </message>
    <message>
        <source>Quit Unclouded</source>
        <translation>Salir de Unclouded</translation>
    </message>
    <message>
        <source>Still running: %1.
Quit and stop it? What it has not finished is not written.</source>
        <translation>Aún en curso: %1.
¿Salir y detenerlo? Lo que no haya terminado no se escribe.</translation>
    </message>
    <message>
        <source>Stop and Quit</source>
        <translation>Detener y salir</translation>
    </message>
    <message>
        <source>%1: before / after — B blinks</source>
        <translation>%1: antes / después — B parpadea</translation>
    </message>
    <message>
        <source>This mask holds graded values from %1 to %2 (a cloud probability or score).
From which value up do they hide the ground? Lower values count as clear.</source>
        <translation>Esta máscara contiene valores graduados de %1 a %2 (una probabilidad de nube o una puntuación).
¿A partir de qué valor ocultan el suelo? Los valores menores cuentan como despejados.</translation>
    </message>
    <message>
        <source>Mask Threshold</source>
        <translation>Umbral de la máscara</translation>
    </message>
    <message>
        <source>Vector data (*.gpkg *.geojson *.json *.shp *.zip *.fgb *.kml *.gml);;All files (*)</source>
        <translation>Datos vectoriales (*.gpkg *.geojson *.json *.shp *.zip *.fgb *.kml *.gml);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Zoom 1:1</source>
        <translation>Zoom 1:1</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>Se escribió %1</translation>
    </message>
    <message>
        <source>Wrote %1: select %2 to compare it with its result</source>
        <translation>Escrito %1: seleccione %2 para compararlo con su resultado</translation>
    </message>
    <message>
        <source>&amp;Close Layer</source>
        <translation>&amp;Cerrar capa</translation>
    </message>
    <message>
        <source>Remove the current layer from the map and the docks (the files stay)</source>
        <translation>Quitar la capa actual del mapa y de los paneles (los archivos se conservan)</translation>
    </message>
    <message>
        <source>Closed %1</source>
        <translation>Cerrado %1</translation>
    </message>
    <message>
        <source>%1 was closed while its mask file was read: not opened</source>
        <translation>%1 se cerró mientras se leía su archivo de máscara: no se abrió</translation>
    </message>
    <message>
        <source>Sentinel-2 products (MTD_MSIL*.xml MTD_TL.xml *.zip *.json *.tif *.tiff);;All files (*)</source>
        <translation>Productos Sentinel-2 (MTD_MSIL*.xml MTD_TL.xml *.zip *.json *.tif *.tiff);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Clear Menu</source>
        <translation>Borrar la lista</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::PixelInspector</name>
    <message>
        <source>Property</source>
        <translation>Propiedad</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Wavelength (nm)</source>
        <translation>Longitud de onda (nm)</translation>
    </message>
    <message>
        <source>Pixel</source>
        <translation>Píxel</translation>
    </message>
    <message>
        <source>Map (EPSG:%1)</source>
        <translation>Mapa (EPSG:%1)</translation>
    </message>
    <message>
        <source>Lat, lon</source>
        <translation>Lat., lon.</translation>
    </message>
    <message>
        <source>NDVI</source>
        <translation>NDVI</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <source>Reconstructed</source>
        <translation>Reconstruido</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no (unchanged)</source>
        <translation>no (sin cambios)</translation>
    </message>
    <message>
        <source>before</source>
        <translation>antes</translation>
    </message>
    <message>
        <source>after</source>
        <translation>después</translation>
    </message>
    <message>
        <source>Click a pixel on the map: its reflectance in every band, its scene class and its spectrum appear here (with a reconstruction open, before and after).</source>
        <translation>Haga clic en un píxel del mapa: su reflectancia en cada banda, su clase de escena y su espectro aparecen aquí (antes y después, con una reconstrucción abierta).</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Preferencias</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>A new language is used when Unclouded is started again.</source>
        <translation>Un idioma nuevo se aplica la próxima vez que se inicie Unclouded.</translation>
    </message>
    <message>
        <source>All cores (%1)</source>
        <translation>Todos los núcleos (%1)</translation>
    </message>
    <message>
        <source>Threads for reconstruction and training (UNCLOUDED_THREADS); 0 uses every core.</source>
        <translation>Hilos para la reconstrucción y el entrenamiento (UNCLOUDED_THREADS); 0 usa todos los núcleos.</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>GDAL&apos;s block cache for reading and writing rasters. Larger is faster on big products but uses more memory.</source>
        <translation>Caché de bloques de GDAL para leer y escribir rásteres. Más grande es más rápido con productos grandes, pero usa más memoria.</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>Rendimiento</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Hilos</translation>
    </message>
    <message>
        <source>GDAL cache</source>
        <translation>Caché de GDAL</translation>
    </message>
    <message>
        <source>The GDAL cache changes at once; the threads at the next start.</source>
        <translation>La caché de GDAL cambia al instante; los hilos, en el próximo inicio.</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Grows the hidden area by this many 10 m pixels, to catch cloud edges.</source>
        <translation>Amplía el área oculta en este número de píxeles de 10 m, para cubrir los bordes de las nubes.</translation>
    </message>
    <message>
        <source>Masks</source>
        <translation>Máscaras</translation>
    </message>
    <message>
        <source>Hidden classes</source>
        <translation>Clases ocultas</translation>
    </message>
    <message>
        <source>Mask buffer</source>
        <translation>Búfer de máscara</translation>
    </message>
    <message>
        <source>Applied to the open product at once and used for every product opened later.</source>
        <translation>Se aplica al instante al producto abierto y a cada producto que se abra después.</translation>
    </message>
    <message>
        <source>Cloud-Optimized GeoTIFF</source>
        <translation>Cloud-Optimized GeoTIFF</translation>
    </message>
    <message>
        <source>GeoTIFF</source>
        <translation>GeoTIFF</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>DEFLATE: read by every GIS. ZSTD: faster and often smaller; some older readers lack it.</source>
        <translation>DEFLATE: lo lee cualquier SIG. ZSTD: más rápido y a menudo más pequeño; algunos lectores antiguos no lo admiten.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportación</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>Compresión</translation>
    </message>
    <message>
        <source>Where downloaded products go (the Search panel uses the same folder)</source>
        <translation>Dónde se guardan los productos descargados (el panel Búsqueda usa la misma carpeta)</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose the download folder</source>
        <translation>Elegir la carpeta de descarga</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sin límite</translation>
    </message>
    <message>
        <source>After a download, the oldest downloaded items are removed until the folder fits; 0 keeps everything</source>
        <translation>Tras una descarga se eliminan los elementos descargados más antiguos hasta que la carpeta quepa; 0 lo conserva todo</translation>
    </message>
    <message>
        <source>Empty…</source>
        <translation>Vaciar…</translation>
    </message>
    <message>
        <source>Remove every downloaded item from the folder (other files stay)</source>
        <translation>Eliminar todos los elementos descargados de la carpeta (los demás archivos se conservan)</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Descargas</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>Size limit</source>
        <translation>Tamaño máximo</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>En uso</translation>
    </message>
    <message>
        <source>Download Folder</source>
        <translation>Carpeta de descarga</translation>
    </message>
    <message>
        <source>How the Fields panel shows areas; exports keep hectares</source>
        <translation>Cómo muestra el panel Parcelas las superficies; las exportaciones siguen en hectáreas</translation>
    </message>
    <message>
        <source>How the pixel inspector shows reflectance; exports and the CLI keep reflectance 0–1</source>
        <translation>Cómo muestra el inspector de píxeles la reflectancia; las exportaciones y la línea de órdenes siguen en reflectancia 0–1</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Superficie</translation>
    </message>
    <message>
        <source>Reflectance</source>
        <translation>Reflectancia</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>contando…</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s), %1</source>
        <translation>
            <numerusform>%n elemento, %1</numerusform>
            <numerusform>%n elementos, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Empty the Download Folder</source>
        <translation>Vaciar la carpeta de descargas</translation>
    </message>
    <message>
        <source>removing…</source>
        <translation>eliminando…</translation>
    </message>
    <message>
        <source>Remove every downloaded item from %1? Items open as layers or read by a running job, and other files there, are kept.</source>
        <translation>¿Eliminar todos los elementos descargados de %1? Los elementos abiertos como capas o que lee un trabajo en curso, y los demás archivos, se conservan.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::ReconPanel</name>
    <message>
        <source>OpenCV Telea inpainting</source>
        <translation>Inpainting OpenCV Telea</translation>
    </message>
    <message>
        <source>OpenCV Navier–Stokes inpainting</source>
        <translation>Inpainting OpenCV Navier–Stokes</translation>
    </message>
    <message>
        <source>Temporal fill (reference date)</source>
        <translation>Relleno temporal (fecha de referencia)</translation>
    </message>
    <message>
        <source>Use a network trained in the Training panel or with &apos;unclouded-cli train&apos; (.pth)</source>
        <translation>Usar una red entrenada en el panel Entrenamiento o con &apos;unclouded-cli train&apos; (.pth)</translation>
    </message>
    <message>
        <source>Choose a checkpoint</source>
        <translation>Elegir un punto de control</translation>
    </message>
    <message>
        <source>Checkpoints (*.pth)</source>
        <translation>Puntos de control (*.pth)</translation>
    </message>
    <message>
        <source>Only the area of interest</source>
        <translation>Solo el área de interés</translation>
    </message>
    <message>
        <source>Cloud-Optimized GeoTIFF</source>
        <translation>Cloud-Optimized GeoTIFF</translation>
    </message>
    <message>
        <source>GeoTIFF</source>
        <translation>GeoTIFF</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Save the cleaned product as</source>
        <translation>Guardar el producto limpio como</translation>
    </message>
    <message>
        <source>GeoTIFF (*.tif *.tiff)</source>
        <translation>GeoTIFF (*.tif *.tiff)</translation>
    </message>
    <message>
        <source>Reconstruct</source>
        <translation>Reconstruir</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Open a product with a scene classification or mask.</source>
        <translation>Abra un producto con clasificación de escena o máscara.</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Swipe</source>
        <translation>Deslizar</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Lado a lado</translation>
    </message>
    <message>
        <source>Blink (B)</source>
        <translation>Parpadeo (B)</translation>
    </message>
    <message>
        <source>Fade</source>
        <translation>Fundido</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Diferencia</translation>
    </message>
    <message>
        <source>Horizontal divider</source>
        <translation>Divisor horizontal</translation>
    </message>
    <message>
        <source>NDVI (after − before)</source>
        <translation>NDVI (después − antes)</translation>
    </message>
    <message>
        <source>Outline rebuilt pixels</source>
        <translation>Contornear los píxeles reconstruidos</translation>
    </message>
    <message>
        <source>Save View as Image…</source>
        <translation>Guardar la vista como imagen…</translation>
    </message>
    <message>
        <source>Before / after</source>
        <translation>Antes / después</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Vista</translation>
    </message>
    <message>
        <source>Save the view as</source>
        <translation>Guardar la vista como</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg)</source>
        <translation>Imágenes (*.png *.jpg)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>No se puede escribir %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguna)</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Listo.</translation>
    </message>
    <message>
        <source>This product has no scene classification: open an SCL or mask file for it.</source>
        <translation>Este producto no tiene clasificación de escena: abra un archivo SCL o de máscara para él.</translation>
    </message>
    <message>
        <source>Temporal fill needs a reference date: open a clear product of the same tile and choose it.</source>
        <translation>El relleno temporal requiere una fecha de referencia: abra un producto despejado de la misma tesela y elíjalo.</translation>
    </message>
    <message>
        <source>Starting %1…</source>
        <translation>Iniciando %1…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>, about %1 s left</source>
        <translation>, quedan unos %1 s</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written.</source>
        <translation>Cancelado; no se escribió nada.</translation>
    </message>
    <message>
        <source>General model (pretrained, no training)</source>
        <translation>Modelo general (preentrenado, sin entrenamiento)</translation>
    </message>
    <message>
        <source>The network that ships with Unclouded: any Sentinel-2 product, no training. With a reference date it starts from the temporal fill and corrects it.</source>
        <translation>La red incluida con Unclouded: cualquier producto Sentinel-2, sin entrenamiento. Con una fecha de referencia parte del relleno temporal y lo corrige.</translation>
    </message>
    <message>
        <source>product</source>
        <translation>producto</translation>
    </message>
    <message>
        <source>mask</source>
        <translation>máscara</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>referencia</translation>
    </message>
    <message>
        <source>model</source>
        <translation>modelo</translation>
    </message>
    <message>
        <source>The output</source>
        <translation>La salida</translation>
    </message>
    <message>
        <source>Its mask</source>
        <translation>Su máscara</translation>
    </message>
    <message numerus="yes">
        <source>Rebuilt %L1 % of the area in %L2 s (%L3 of %Ln window(s) skipped). Wrote %4</source>
        <translation>
            <numerusform>%L1 % del área reconstruido en %L2 s (%L3 de %Ln ventana omitida). Se escribió %4</numerusform>
            <numerusform>%L1 % del área reconstruido en %L2 s (%L3 de %Ln ventanas omitidas). Se escribió %4</numerusform>
        </translation>
    </message>
    <message>
        <source>How the hidden pixels are rebuilt: inpainting from the surroundings, another date, or a network</source>
        <translation>Cómo se reconstruyen los píxeles ocultos: inpainting desde el entorno, otra fecha o una red</translation>
    </message>
    <message>
        <source>Rebuild and write only the rectangle drawn on the map (Draw AOI or Shift+drag)</source>
        <translation>Reconstruir y escribir solo el rectángulo dibujado en el mapa (Dibujar área de interés o Mayús+arrastrar)</translation>
    </message>
    <message>
        <source>A Cloud-Optimized GeoTIFF streams from a web server; both keep the product&apos;s grid</source>
        <translation>Un Cloud-Optimized GeoTIFF se lee por partes desde un servidor web; ambos conservan la rejilla del producto</translation>
    </message>
    <message>
        <source>The GeoTIFF written; its rebuilt-pixel mask goes beside it as .mask.tif</source>
        <translation>El GeoTIFF escrito; su máscara de píxeles reconstruidos va al lado como .mask.tif</translation>
    </message>
    <message>
        <source>Choose where the result is saved</source>
        <translation>Elegir dónde se guarda el resultado</translation>
    </message>
    <message>
        <source>Rebuild the hidden pixels and write the result; the comparison opens as rows finish</source>
        <translation>Reconstruir los píxeles ocultos y escribir el resultado; la comparación se abre a medida que terminan las filas</translation>
    </message>
    <message>
        <source>Stop; no file is left behind</source>
        <translation>Detener; no queda ningún archivo</translation>
    </message>
    <message>
        <source>How before and after are shown: a divider, two synced views, blinking, a fade or the difference</source>
        <translation>Cómo se muestran antes y después: divisor, dos vistas sincronizadas, parpadeo, fundido o diferencia</translation>
    </message>
    <message>
        <source>Divide the view top / bottom instead of left / right</source>
        <translation>Dividir la vista arriba / abajo en lugar de izquierda / derecha</translation>
    </message>
    <message>
        <source>Fade mode: how much of the after picture shows</source>
        <translation>Modo fundido: cuánto se ve de la imagen de después</translation>
    </message>
    <message>
        <source>Difference mode: the index or band compared, on a blue–white–red ramp</source>
        <translation>Modo diferencia: el índice o la banda comparados, en una escala azul–blanco–rojo</translation>
    </message>
    <message>
        <source>Draw the edge of every rebuilt area on the after side</source>
        <translation>Dibujar el borde de cada zona reconstruida en el lado de después</translation>
    </message>
    <message>
        <source>Save the comparison as it is shown as a PNG or JPEG</source>
        <translation>Guardar la comparación tal como se muestra como PNG o JPEG</translation>
    </message>
    <message>
        <source>Other dates of the same tile, for temporal fill and the networks that use them; only open products on this product&apos;s grid are offered</source>
        <translation>Otras fechas de la misma tesela, para el relleno temporal y las redes que las usan; solo se ofrecen los productos abiertos en la malla de este producto</translation>
    </message>
    <message>
        <source>float32 reflectance</source>
        <translation>Reflectancia en float32</translation>
    </message>
    <message>
        <source>Write reflectance as 32-bit floats (twice the size) instead of the product&apos;s DN (uint16 with scale and offset, the default)</source>
        <translation>Escribir la reflectancia como flotantes de 32 bits (el doble de tamaño) en lugar de los DN del producto (uint16 con escala y desplazamiento, por defecto)</translation>
    </message>
    <message>
        <source>Harmonic fill (smooth, from the surroundings)</source>
        <translation>Relleno armónico (suave, desde el entorno)</translation>
    </message>
    <message>
        <source>Each hidden pixel the mean of its neighbours: the smoothest surface that meets the cloud&apos;s edge. The best of the classical one-date methods on real clouds.</source>
        <translation>Cada píxel oculto es la media de sus vecinos: la superficie más suave que se une al borde de la nube. El mejor de los métodos clásicos de una fecha sobre nubes reales.</translation>
    </message>
    <message>
        <source>No other date shows the ground under the hidden pixels (no data or hidden there too): all were filled from their surroundings.</source>
        <translation>Ninguna otra fecha muestra el suelo bajo los píxeles ocultos (sin datos u ocultos también allí): todos se rellenaron a partir de su entorno.</translation>
    </message>
    <message>
        <source>reference mask</source>
        <translation>máscara de la referencia</translation>
    </message>
    <message>
        <source>%L1 values lie outside what 16-bit numbers with the product&apos;s offset can hold (negative reflectance, say) and were stored clamped: tick float32 reflectance to keep them.</source>
        <translation>%L1 valores quedan fuera de lo que caben en números de 16 bits con el desplazamiento del producto (reflectancia negativa, por ejemplo) y se guardaron recortados: marque «Reflectancia en float32» para conservarlos.</translation>
    </message>
    <message>
        <source>The output %1 is a folder: give a file name.</source>
        <translation>La salida %1 es una carpeta: indique un nombre de archivo.</translation>
    </message>
    <message>
        <source>Choose where to write the result.</source>
        <translation>Elija dónde escribir el resultado.</translation>
    </message>
    <message>
        <source>The folder %1 does not take files (read-only, or not yours): choose another output.</source>
        <translation>La carpeta %1 no admite archivos (de solo lectura o no es suya): elija otra salida.</translation>
    </message>
    <message>
        <source>%1 (after − before)</source>
        <translation>%1 (después − antes)</translation>
    </message>
    <message>
        <source>%1 exists and is not a GeoTIFF: it is left as it is. Choose another name.</source>
        <translation>%1 existe y no es un GeoTIFF: se deja como está. Elija otro nombre.</translation>
    </message>
    <message>
        <source>Replace the Result</source>
        <translation>Reemplazar el resultado</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it with this reconstruction?</source>
        <translation>%1 ya existe. ¿Reemplazarlo con esta reconstrucción?</translation>
    </message>
    <message>
        <source>%1: %2 %%3</source>
        <translation>%1: %2 %%3</translation>
    </message>
    <message>
        <source>%L1 pixels the mask hides have no data in any band (past the swath edge, or blanked before): left as no data.</source>
        <translation>%L1 píxeles que oculta la máscara no tienen datos en ninguna banda (fuera de la franja o borrados antes): se dejan sin datos.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::ReferenceCombo</name>
    <message numerus="yes">
        <source>All %n other date(s)</source>
        <translation>
            <numerusform>La otra fecha</numerusform>
            <numerusform>Las %n otras fechas</numerusform>
        </translation>
    </message>
    <message>
        <source>Another date of the tile from a file, not open as a layer: a SAFE&apos;s MTD_MSIL*.xml, a .zip, a STAC item or a GeoTIFF</source>
        <translation>Otra fecha de la tesela desde un archivo, sin abrirla como capa: el MTD_MSIL*.xml de un SAFE, un .zip, un ítem STAC o un GeoTIFF</translation>
    </message>
    <message>
        <source>Other Date</source>
        <translation>Otra fecha</translation>
    </message>
    <message>
        <source>Every other open date of this tile: per pixel the nearest three that show the ground, weighted by how well each fits the product</source>
        <translation>Todas las demás fechas abiertas de esta tesela: en cada píxel, las tres fechas más cercanas que muestran el suelo, ponderadas según cuánto se ajusta cada una al producto</translation>
    </message>
    <message>
        <source>%1 has no scene classification: all of it was taken as clear ground, its clouds included (open its SCL or mask file on its layer).</source>
        <translation>%1 no tiene clasificación de escena: se tomó todo como suelo despejado, sus nubes incluidas (abra su archivo SCL o de máscara en su capa).</translation>
    </message>
    <message>
        <source>%1 (covers %2 %)</source>
        <translation>%1 (cubre el %2 %)</translation>
    </message>
    <message>
        <source>This date covers %1 % of the product (another window of its grid): the rest is filled from the surroundings.</source>
        <translation>Esta fecha cubre el %1 % del producto (otra ventana de su cuadrícula): el resto se rellena a partir del entorno.</translation>
    </message>
    <message>
        <source>%1 (resampled)</source>
        <translation>%1 (remuestreada)</translation>
    </message>
    <message>
        <source>%1 (resampled, covers %2 %)</source>
        <translation>%1 (remuestreada, cubre el %2 %)</translation>
    </message>
    <message>
        <source>This date lies on another CRS or pixel grid: it is resampled onto the product&apos;s pixels (bilinear; its classes nearest).</source>
        <translation>Esta fecha está en otro SRC o cuadrícula de píxeles: se remuestrea sobre los píxeles del producto (bilineal; sus clases por vecino más próximo).</translation>
    </message>
    <message>
        <source>It covers %1 % of the product: the rest is filled from the surroundings.</source>
        <translation>Cubre el %1 % del producto: el resto se rellena a partir del entorno.</translation>
    </message>
    <message>
        <source>Sentinel-2 products (MTD_MSIL*.xml MTD_TL.xml *.zip *.json *.tif *.tiff);;All files (*)</source>
        <translation>Productos Sentinel-2 (MTD_MSIL*.xml MTD_TL.xml *.zip *.json *.tif *.tiff);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::SclPanel</name>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Cobertura</translation>
    </message>
    <message>
        <source>Show overlay</source>
        <translation>Mostrar superposición</translation>
    </message>
    <message>
        <source>Outline only</source>
        <translation>Solo contorno</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Opacidad</translation>
    </message>
    <message>
        <source>Mask buffer</source>
        <translation>Búfer de máscara</translation>
    </message>
    <message>
        <source>No scene classification (open a mask file)</source>
        <translation>Sin clasificación de escena (abra un archivo de máscara)</translation>
    </message>
    <message>
        <source>Hidden (selected, with buffer)</source>
        <translation>Oculto (clases marcadas, con búfer)</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>contando…</translation>
    </message>
    <message>
        <source>Colour the ticked classes over the map</source>
        <translation>Colorear sobre el mapa las clases marcadas</translation>
    </message>
    <message>
        <source>Draw only the edges of the hidden areas, so the ground stays visible</source>
        <translation>Dibujar solo los bordes de las zonas ocultas, para que el suelo siga visible</translation>
    </message>
    <message>
        <source>Opacity of the class colours over the map</source>
        <translation>Opacidad de los colores de clase sobre el mapa</translation>
    </message>
    <message>
        <source>Widen every hidden area by this many pixels: cloud edges and thin haze around them count as hidden too</source>
        <translation>Ampliar cada zona oculta estos píxeles: los bordes de las nubes y la bruma fina alrededor también cuentan como ocultos</translation>
    </message>
    <message>
        <source>No product open</source>
        <translation>Ningún producto abierto</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::SearchPanel</name>
    <message>
        <source>Earth Search (Element 84, COGs, no login)</source>
        <translation>Earth Search (Element 84, COG, sin inicio de sesión)</translation>
    </message>
    <message>
        <source>Copernicus Data Space (SAFE, login to download)</source>
        <translation>Copernicus Data Space (SAFE, inicio de sesión para descargar)</translation>
    </message>
    <message>
        <source>Other STAC API…</source>
        <translation>Otra API STAC…</translation>
    </message>
    <message>
        <source>https://…/v1 (a STAC API root)</source>
        <translation>https://…/v1 (raíz de una API STAC)</translation>
    </message>
    <message>
        <source>west,south,east,north in degrees</source>
        <translation>oeste,sur,este,norte en grados</translation>
    </message>
    <message>
        <source>From Map</source>
        <translation>Desde el mapa</translation>
    </message>
    <message>
        <source>The map&apos;s AOI rectangle (Shift+drag), or the whole product without one</source>
        <translation>El rectángulo de zona de interés del mapa (Mayús+arrastrar), o todo el producto si no hay</translation>
    </message>
    <message>
        <source>any (e.g. 33UUU)</source>
        <translation>cualquiera (p. ej. 33UUU)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Búsqueda</translation>
    </message>
    <message>
        <source>Log In…</source>
        <translation>Iniciar sesión…</translation>
    </message>
    <message>
        <source>The catalogue&apos;s user and password, kept in the system keychain (never in a file)</source>
        <translation>Usuario y contraseña del catálogo, guardados en el llavero del sistema (nunca en un archivo)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Tile</source>
        <translation>Tesela</translation>
    </message>
    <message>
        <source>Cloud %</source>
        <translation>Nubes %</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Bands to download, e.g. B02,B03,B04,B08,SCL; empty: every band</source>
        <translation>Bandas a descargar, p. ej. B02,B03,B04,B08,SCL; vacío: todas las bandas</translation>
    </message>
    <message>
        <source>Only the AOI (COG windows)</source>
        <translation>Solo la zona de interés (ventanas COG)</translation>
    </message>
    <message>
        <source>Reads only the blocks of each COG that cover the box above</source>
        <translation>Lee solo los bloques de cada COG que cubren la zona de arriba</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose the download folder</source>
        <translation>Elegir la carpeta de descarga</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Open the item in place: remote bands are read window by window</source>
        <translation>Abrir el elemento en su sitio: las bandas remotas se leen ventana a ventana</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Descargar</translation>
    </message>
    <message>
        <source>Fetch the bands into the folder (resumes an interrupted download), then open</source>
        <translation>Descarga las bandas en la carpeta (reanuda una descarga interrumpida) y abre</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>Catálogo</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>Colección</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Zona</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Fechas</translation>
    </message>
    <message>
        <source>Max. cloud</source>
        <translation>Nubes máx.</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>Como máximo</translation>
    </message>
    <message>
        <source>Bands</source>
        <translation>Bandas</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>required</source>
        <translation>obligatoria</translation>
    </message>
    <message>
        <source>Download Folder</source>
        <translation>Carpeta de descarga</translation>
    </message>
    <message>
        <source>Login kept in the system keychain</source>
        <translation>Inicio de sesión guardado en el llavero del sistema</translation>
    </message>
    <message>
        <source>Cannot keep the login: %1</source>
        <translation>No se puede guardar el inicio de sesión: %1</translation>
    </message>
    <message>
        <source>%1 needs a login: Log In… first (%2)</source>
        <translation>%1 requiere iniciar sesión: primero Iniciar sesión… (%2)</translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation>Sin vista previa: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Give the address of a STAC API (http:// or https://)</source>
        <translation>Indique la dirección de una API STAC (http:// o https://)</translation>
    </message>
    <message>
        <source>Give the collection to search</source>
        <translation>Indique la colección que buscar</translation>
    </message>
    <message>
        <source>The area must be west,south,east,north in degrees (west &lt; east, south &lt; north)</source>
        <translation>La zona debe ser oeste,sur,este,norte en grados (oeste &lt; este, sur &lt; norte)</translation>
    </message>
    <message>
        <source>The first date is after the last</source>
        <translation>La primera fecha es posterior a la última</translation>
    </message>
    <message>
        <source>The tile must be an MGRS tile such as 33UUU</source>
        <translation>La tesela debe ser una tesela MGRS como 33UUU</translation>
    </message>
    <message>
        <source>Open a product first, or type the area</source>
        <translation>Abra primero un producto o escriba la zona</translation>
    </message>
    <message>
        <source>The product has no coordinate system: type the area</source>
        <translation>El producto no tiene sistema de coordenadas: escriba la zona</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n elemento</numerusform>
            <numerusform>%n elementos</numerusform>
        </translation>
    </message>
    <message>
        <source> (%1 matched)</source>
        <translation> (%1 encontrados)</translation>
    </message>
    <message>
        <source>; more available: raise the limit</source>
        <translation>; hay más: aumente el límite</translation>
    </message>
    <message>
        <source>Bands: %1</source>
        <translation>Bandas: %1</translation>
    </message>
    <message>
        <source>Loading the preview…</source>
        <translation>Cargando la vista previa…</translation>
    </message>
    <message>
        <source>No preview (not an image)</source>
        <translation>Sin vista previa (no es una imagen)</translation>
    </message>
    <message>
        <source>Reading the login from the system keychain…</source>
        <translation>Leyendo el inicio de sesión del llavero…</translation>
    </message>
    <message>
        <source>Only the AOI: give the area first (typed, or From Map)</source>
        <translation>Solo la zona de interés: indique primero la zona (escrita o Desde el mapa)</translation>
    </message>
    <message>
        <source>Downloaded to %1</source>
        <translation>Descargado en %1</translation>
    </message>
    <message>
        <source>Log In to %1</source>
        <translation>Iniciar sesión en %1</translation>
    </message>
    <message>
        <source>Kept in the system keychain, never in a file. A token is fetched for each download.</source>
        <translation>Se guardan en el llavero del sistema, nunca en un archivo. Se obtiene un token para cada descarga.</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>The STAC catalogue searched</source>
        <translation>El catálogo STAC consultado</translation>
    </message>
    <message>
        <source>The root address of another STAC API</source>
        <translation>La dirección raíz de otra API STAC</translation>
    </message>
    <message>
        <source>The catalogue&apos;s collection of Sentinel-2 products (filled in for the known catalogues)</source>
        <translation>La colección de productos Sentinel-2 del catálogo (rellenada para los catálogos conocidos)</translation>
    </message>
    <message>
        <source>The area searched: west,south,east,north in degrees (WGS 84)</source>
        <translation>La zona buscada: oeste,sur,este,norte en grados (WGS 84)</translation>
    </message>
    <message>
        <source>First sensing date searched</source>
        <translation>Primera fecha de adquisición buscada</translation>
    </message>
    <message>
        <source>Last sensing date searched</source>
        <translation>Última fecha de adquisición buscada</translation>
    </message>
    <message>
        <source>Only items whose metadata give at most this cloud cover</source>
        <translation>Solo los elementos cuyos metadatos indican como máximo esta nubosidad</translation>
    </message>
    <message>
        <source>Only this MGRS tile (e.g. 33UUU); empty: every tile over the area</source>
        <translation>Solo esta tesela MGRS (p. ej. 33UUU); vacío: todas las teselas sobre la zona</translation>
    </message>
    <message>
        <source>At most this many items are listed</source>
        <translation>Se listan como máximo estos elementos</translation>
    </message>
    <message>
        <source>Ask the catalogue; the results and their footprints appear below and on the map</source>
        <translation>Consultar el catálogo; los resultados y sus huellas aparecen abajo y en el mapa</translation>
    </message>
    <message>
        <source>Where downloads go; empty: the user cache folder</source>
        <translation>Dónde van las descargas; vacío: la carpeta de caché del usuario</translation>
    </message>
    <message>
        <source>Stop the search or the download (a download resumes later)</source>
        <translation>Detener la búsqueda o la descarga (una descarga se reanuda más tarde)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>No se puede escribir %1</translation>
    </message>
    <message numerus="yes">
        <source>; %n unusable left out</source>
        <translation>
            <numerusform>; %n inutilizable omitido</numerusform>
            <numerusform>; %n inutilizables omitidos</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::ShortcutsDialog</name>
    <message>
        <source>Toolbar</source>
        <translation>Barra de herramientas</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otros</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Atajo</translation>
    </message>
    <message>
        <source>On the map: drag to pan, the wheel zooms, Shift+drag draws an area of interest, Esc clears it. In the before / after view, B or Space blinks and Shift+arrows move the divider. In the Layers dock, Delete closes the selected layer.</source>
        <translation>En el mapa: arrastrar desplaza, la rueda hace zoom, Mayús+arrastrar dibuja un área de interés, Esc la borra. En la vista antes / después, B o Espacio alterna y Mayús+flechas mueven el divisor. En el panel Capas, Supr cierra la capa seleccionada.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::SwipeView</name>
    <message>
        <source>Drag the divider to compare; B or Space blinks between before and after</source>
        <translation>Arrastre el divisor para comparar; B o Espacio alterna entre antes y después</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::TrainPanel</name>
    <message>
        <source>U-Net</source>
        <translation>U-Net</translation>
    </message>
    <message>
        <source>CNN encoder–decoder</source>
        <translation>CNN codificador–decodificador</translation>
    </message>
    <message>
        <source>90° rotations</source>
        <translation>Rotaciones de 90°</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Punto de control</translation>
    </message>
    <message>
        <source>Checkpoints (*.pth)</source>
        <translation>Puntos de control (*.pth)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Épocas</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Tasa de aprendizaje</translation>
    </message>
    <message>
        <source>Patch (px)</source>
        <translation>Parche (px)</translation>
    </message>
    <message>
        <source>Width / depth</source>
        <translation>Anchura / profundidad</translation>
    </message>
    <message>
        <source>Max patches</source>
        <translation>Máx. parches</translation>
    </message>
    <message>
        <source>Augment</source>
        <translation>Aumento de datos</translation>
    </message>
    <message>
        <source>Reference date</source>
        <translation>Fecha de referencia</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Semilla</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Open a product with an SCL, then Start.</source>
        <translation>Abra un producto con SCL y pulse Iniciar.</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Escala log.</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Época</translation>
    </message>
    <message>
        <source>Masked MSE (normalised)</source>
        <translation>MSE enmascarado (normalizado)</translation>
    </message>
    <message>
        <source>Validation PSNR (dB)</source>
        <translation>PSNR de validación (dB)</translation>
    </message>
    <message>
        <source>train (batch)</source>
        <translation>entrenamiento (lote)</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation>entrenamiento (época)</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>validación</translation>
    </message>
    <message>
        <source>val PSNR</source>
        <translation>PSNR val.</translation>
    </message>
    <message>
        <source>input (hidden outlined)</source>
        <translation>entrada (zonas ocultas contorneadas)</translation>
    </message>
    <message>
        <source>reconstruction</source>
        <translation>reconstrucción</translation>
    </message>
    <message>
        <source>truth</source>
        <translation>verdad terreno</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Falló el entrenamiento: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>Ready to train on %1.</source>
        <translation>Listo para entrenar con %1.</translation>
    </message>
    <message>
        <source>Open a product first.</source>
        <translation>Abra primero un producto.</translation>
    </message>
    <message>
        <source>Choose where to write the checkpoint.</source>
        <translation>Elija dónde escribir el punto de control.</translation>
    </message>
    <message>
        <source>Collecting clear patches and cloud shapes…</source>
        <translation>Recopilando parches despejados y formas de nube…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>Deteniendo tras el lote actual…</translation>
    </message>
    <message>
        <source>Training will use patches inside the AOI (%1 x %2 px).</source>
        <translation>El entrenamiento usará parches dentro del área de interés (%1 x %2 px).</translation>
    </message>
    <message>
        <source>Recommended (warm-up, decay, early stop)</source>
        <translation>Recomendado (calentamiento, decaimiento, parada temprana)</translation>
    </message>
    <message>
        <source>Reference design (the epochs, batch and rate below)</source>
        <translation>Diseño de referencia (épocas, lote y tasa de abajo)</translation>
    </message>
    <message>
        <source>Recommended: Adam 1e-3 with warm-up and cosine decay over 600 steps, stopping when validation stops improving. Reference design: Adam at a constant rate for a number of epochs.</source>
        <translation>Recomendado: Adam 1e-3 con calentamiento y decaimiento coseno durante 600 pasos; se detiene cuando la validación deja de mejorar. Diseño de referencia: Adam a tasa constante durante un número de épocas.</translation>
    </message>
    <message>
        <source>Scratch</source>
        <translation>Desde cero</translation>
    </message>
    <message>
        <source>General model (fine-tune)</source>
        <translation>Modelo general (ajuste fino)</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Partir de</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Programa</translation>
    </message>
    <message>
        <source>Epoch %1 / %2, batch %3 / %4, loss %L5, ETA %L6 s</source>
        <translation>Época %1 / %2, lote %3 / %4, pérdida %L5, quedan %L6 s</translation>
    </message>
    <message>
        <source>Epoch %1: validation loss %L2, PSNR %L3 dB, %L4 patches/s</source>
        <translation>Época %1: pérdida de validación %L2, PSNR %L3 dB, %L4 parches/s</translation>
    </message>
    <message>
        <source>U-Net: skip connections keep fine detail (better, slower). CNN: a plain encoder–decoder (faster, blurrier).</source>
        <translation>U-Net: las conexiones directas conservan el detalle fino (mejor, más lento). CNN: un codificador–decodificador simple (más rápido, más borroso).</translation>
    </message>
    <message>
        <source>Passes over the training crops (reference design only)</source>
        <translation>Pasadas sobre los recortes de entrenamiento (solo diseño de referencia)</translation>
    </message>
    <message>
        <source>Crops per optimizer step (reference design only)</source>
        <translation>Recortes por paso del optimizador (solo diseño de referencia)</translation>
    </message>
    <message>
        <source>Adam&apos;s learning rate (reference design only)</source>
        <translation>Tasa de aprendizaje de Adam (solo diseño de referencia)</translation>
    </message>
    <message>
        <source>Side of the training crops in pixels; shrunk to fit small scenes and AOIs</source>
        <translation>Lado de los recortes de entrenamiento en píxeles; se reduce en escenas y AOI pequeñas</translation>
    </message>
    <message>
        <source>Channels of the first layer: wider learns more, slower</source>
        <translation>Canales de la primera capa: más ancha aprende más, más despacio</translation>
    </message>
    <message>
        <source>Levels of the encoder: deeper sees more context, needs larger crops</source>
        <translation>Niveles del codificador: más profundo ve más contexto, necesita recortes más grandes</translation>
    </message>
    <message>
        <source>Random seed of the crops, cloud shapes and weights: the same seed repeats a run</source>
        <translation>Semilla aleatoria de recortes, formas de nubes y pesos: la misma semilla repite una ejecución</translation>
    </message>
    <message>
        <source>At most this many training crops are drawn from the product</source>
        <translation>Se extraen del producto como máximo estos recortes de entrenamiento</translation>
    </message>
    <message>
        <source>Also rotate the crops by 90° (besides flips): more variety, for scenes without a preferred direction</source>
        <translation>Girar también los recortes 90° (además de las simetrías): más variedad, para escenas sin dirección preferente</translation>
    </message>
    <message>
        <source>Where the network trains: the CPU, or an NVIDIA GPU when LibTorch finds one</source>
        <translation>Dónde se entrena la red: la CPU, o una GPU NVIDIA si LibTorch encuentra una</translation>
    </message>
    <message>
        <source>The checkpoint written (the best epoch; the last one beside it as .last.pth)</source>
        <translation>El checkpoint escrito (la mejor época; la última al lado como .last.pth)</translation>
    </message>
    <message>
        <source>Choose where the checkpoint is saved</source>
        <translation>Elegir dónde se guarda el checkpoint</translation>
    </message>
    <message>
        <source>Train on the current product&apos;s clear areas, hidden behind its own cloud shapes</source>
        <translation>Entrenar con las zonas despejadas del producto actual, ocultas tras sus propias formas de nubes</translation>
    </message>
    <message>
        <source>Pause after the current batch; press again to resume</source>
        <translation>Pausar tras el lote actual; pulsar de nuevo para reanudar</translation>
    </message>
    <message>
        <source>Stop after the current batch; the best checkpoint so far is kept</source>
        <translation>Detener tras el lote actual; se conserva el mejor checkpoint hasta ahora</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis</source>
        <translation>Mostrar la pérdida en un eje logarítmico</translation>
    </message>
    <message>
        <source>Other dates of the same tile: the network starts from their temporal fill</source>
        <translation>Otras fechas de la misma tesela: la red parte de su relleno temporal</translation>
    </message>
    <message>
        <source>clouds on other dates</source>
        <translation>nubes en otras fechas</translation>
    </message>
    <message>
        <source>With a reference date, from scratch: half of the training crops get clouds on their other dates too, so the network also learns the pixels no date shows (as the general model did). Without it, reconstruction keeps temporal fill&apos;s inpainting there. A fine-tune keeps the general model&apos;s setting.</source>
        <translation>Con una fecha de referencia, desde cero: la mitad de los recortes de entrenamiento reciben también nubes en sus otras fechas, así la red aprende también los píxeles que ninguna fecha muestra (como el modelo general). Sin ello, la reconstrucción conserva allí el inpainting del relleno temporal. Un ajuste fino conserva la opción del modelo general.</translation>
    </message>
    <message>
        <source>%1 exists and is not a checkpoint: it is left as it is. Choose another name.</source>
        <translation>%1 existe y no es un punto de control: se deja como está. Elija otro nombre.</translation>
    </message>
    <message>
        <source>Replace the Checkpoint</source>
        <translation>Reemplazar el punto de control</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it with this run&apos;s checkpoint?</source>
        <translation>%1 ya existe. ¿Reemplazarlo con el punto de control de esta ejecución?</translation>
    </message>
    <message>
        <source>Fine-tuning the shipped general model needs only a few minutes; its network, crop size and inputs are kept. Its validation sees the product&apos;s clear ground under small holes, not its clouds: on real cities behind large clouds the one-date fine-tune rebuilt them worse than the general model as it ships.</source>
        <translation>El ajuste fino del modelo general incluido solo lleva unos minutos; se conservan su red, su tamaño de recorte y sus entradas. Su validación ve el suelo despejado del producto bajo huecos pequeños, no sus nubes: en ciudades reales bajo nubes grandes, el ajuste fino de una fecha las reconstruyó peor que el modelo general tal como se distribuye.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::TrainWorker</name>
    <message>
        <source>Stopped. </source>
        <translation>Detenido. </translation>
    </message>
    <message>
        <source>Done. </source>
        <translation>Terminado. </translation>
    </message>
    <message>
        <source>Best checkpoint: %1</source>
        <translation>Mejor punto de control: %1</translation>
    </message>
    <message>
        <source>Stopped before training began.</source>
        <translation>Detenido antes de empezar el entrenamiento.</translation>
    </message>
    <message>
        <source>Stopped before the first validation: no checkpoint was written.</source>
        <translation>Detenido antes de la primera validación: no se escribió ningún checkpoint.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::UserGuideDialog</name>
    <message>
        <source>Unclouded User Guide</source>
        <translation>Guía del usuario de Unclouded</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::WelcomePage</name>
    <message>
        <source>&lt;h2&gt;Unclouded&lt;/h2&gt;&lt;p&gt;Rebuild the ground hidden under clouds in Sentinel-2 imagery.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Unclouded&lt;/h2&gt;&lt;p&gt;Reconstruir el suelo oculto bajo las nubes en imágenes Sentinel-2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open Product…</source>
        <translation>Abrir producto…</translation>
    </message>
    <message>
        <source>A SAFE product (folder, .zip or MTD_MSIL*.xml) or a GeoTIFF</source>
        <translation>Un producto SAFE (carpeta, .zip o MTD_MSIL*.xml) o un GeoTIFF</translation>
    </message>
    <message>
        <source>Open SAFE Folder…</source>
        <translation>Abrir carpeta SAFE…</translation>
    </message>
    <message>
        <source>Open the Demo</source>
        <translation>Abrir la demostración</translation>
    </message>
    <message>
        <source>Run &apos;make run&apos; (or tools/make-demo.sh) once to generate the demo product</source>
        <translation>Ejecute una vez &apos;make run&apos; (o tools/make-demo.sh) para generar el producto de demostración</translation>
    </message>
    <message>
        <source>… or drop a .SAFE folder, a .zip, a folder of band files, a STAC item, a GeoTIFF or a parcels file on this window.</source>
        <translation>… o arrastre a esta ventana una carpeta .SAFE, un .zip, una carpeta de archivos de bandas, un ítem STAC, un GeoTIFF o un archivo de parcelas.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent products&lt;/b&gt;</source>
        <translation>&lt;b&gt;Productos recientes&lt;/b&gt;</translation>
    </message>
    <message>
        <source>None yet: the products you open appear here.</source>
        <translation>Ninguno aún: aquí aparecerán los productos abiertos.</translation>
    </message>
    <message>
        <source>A .SAFE folder, or a folder of one GeoTIFF / COG / JP2 per band with its SCL</source>
        <translation>Una carpeta .SAFE, o una carpeta con un GeoTIFF / COG / JP2 por banda y su SCL</translation>
    </message>
</context>
</TS>
