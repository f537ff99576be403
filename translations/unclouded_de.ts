<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>QObject</name>
    <message>
        <source>True colour (B04, B03, B02)</source>
        <translation>Echtfarben (B04, B03, B02)</translation>
    </message>
    <message>
        <source>False colour NIR (B08, B04, B03)</source>
        <translation>Falschfarben NIR (B08, B04, B03)</translation>
    </message>
    <message>
        <source>Agriculture (B11, B08, B02)</source>
        <translation>Landwirtschaft (B11, B08, B02)</translation>
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
        <translation>Benutzerdefiniertes RGB</translation>
    </message>
    <message>
        <source>Cannot draw the difference: band %1 is missing</source>
        <translation>Die Differenz kann nicht dargestellt werden: Band %1 fehlt</translation>
    </message>
</context>
<context>
    <name>SclClass</name>
    <message>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
    <message>
        <source>Saturated or defective</source>
        <translation>Gesättigt oder defekt</translation>
    </message>
    <message>
        <source>Dark area pixels</source>
        <translation>Dunkle Bereiche</translation>
    </message>
    <message>
        <source>Cloud shadows</source>
        <translation>Wolkenschatten</translation>
    </message>
    <message>
        <source>Vegetation</source>
        <translation>Vegetation</translation>
    </message>
    <message>
        <source>Not vegetated</source>
        <translation>Ohne Vegetation</translation>
    </message>
    <message>
        <source>Water</source>
        <translation>Wasser</translation>
    </message>
    <message>
        <source>Unclassified</source>
        <translation>Nicht klassifiziert</translation>
    </message>
    <message>
        <source>Cloud medium probability</source>
        <translation>Wolken (mittlere Wahrscheinlichkeit)</translation>
    </message>
    <message>
        <source>Cloud high probability</source>
        <translation>Wolken (hohe Wahrscheinlichkeit)</translation>
    </message>
    <message>
        <source>Thin cirrus</source>
        <translation>Dünne Zirren</translation>
    </message>
    <message>
        <source>Snow or ice</source>
        <translation>Schnee oder Eis</translation>
    </message>
    <message>
        <source>Mask: clear</source>
        <translation>Maske: klar</translation>
    </message>
    <message>
        <source>Mask: hidden</source>
        <translation>Maske: verdeckt</translation>
    </message>
    <message>
        <source>Class %1</source>
        <translation>Klasse %1</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>Hectares (ha)</source>
        <translation>Hektar (ha)</translation>
    </message>
    <message>
        <source>Acres (ac)</source>
        <translation>Acres (ac)</translation>
    </message>
    <message>
        <source>Square kilometres (km²)</source>
        <translation>Quadratkilometer (km²)</translation>
    </message>
    <message>
        <source>Square metres (m²)</source>
        <translation>Quadratmeter (m²)</translation>
    </message>
    <message>
        <source>Reflectance (0–1)</source>
        <translation>Reflektanz (0–1)</translation>
    </message>
    <message>
        <source>Scaled reflectance (× 10 000)</source>
        <translation>Skalierte Reflektanz (× 10 000)</translation>
    </message>
    <message>
        <source>nodata</source>
        <translation>NoData</translation>
    </message>
    <message>
        <source>Reflectance × 10 000</source>
        <translation>Reflektanz × 10 000</translation>
    </message>
    <message>
        <source>Reflectance</source>
        <translation>Reflektanz</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::AboutDialog</name>
    <message>
        <source>About Unclouded</source>
        <translation>Über Unclouded</translation>
    </message>
    <message>
        <source>&lt;p&gt;Contains modified Copernicus Sentinel data.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Enthält veränderte Copernicus-Sentinel-Daten.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;h2&gt;Unclouded %1&lt;/h2&gt;&lt;p&gt;Reconstructs the ground hidden under clouds in Sentinel-2 imagery.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;GDAL %3&lt;br&gt;LibTorch %4 (%n thread(s))&lt;br&gt;OpenCV %5&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;h2&gt;Unclouded %1&lt;/h2&gt;&lt;p&gt;Rekonstruiert den unter Wolken verborgenen Boden in Sentinel-2-Bildern.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;GDAL %3&lt;br&gt;LibTorch %4 (%n Thread)&lt;br&gt;OpenCV %5&lt;/p&gt;</numerusform>
            <numerusform>&lt;h2&gt;Unclouded %1&lt;/h2&gt;&lt;p&gt;Rekonstruiert den unter Wolken verborgenen Boden in Sentinel-2-Bildern.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;GDAL %3&lt;br&gt;LibTorch %4 (%n Threads)&lt;br&gt;OpenCV %5&lt;/p&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>unclouded::ui::AdvancedOptions</name>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>Each band from all bands (cross-band)</source>
        <translation>Jedes Band aus allen Bändern (bandübergreifend)</translation>
    </message>
    <message>
        <source>A line per band and window</source>
        <translation>Eine Gerade je Band und Fenster</translation>
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
        <translation>Die Arithmetik der Netze. bfloat16 ist auf Prozessoren, die es nativ berechnen, etwa 1,6-mal schneller, ohne messbaren Verlust; anderswo wird es emuliert und ist langsamer. Automatisch nutzt es nur dort, wo es nativ ist</translation>
    </message>
    <message>
        <source>Near their native resolution</source>
        <translation>Nahe ihrer nativen Auflösung</translation>
    </message>
    <message>
        <source>All on the 10 m grid</source>
        <translation>Alle im 10-m-Raster</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <source>Reference mapping</source>
        <translation>Abbildung der Referenz</translation>
    </message>
    <message>
        <source>Arithmetic</source>
        <translation>Arithmetik</translation>
    </message>
    <message>
        <source>At 20 m or coarser</source>
        <translation>Bei 20 m oder gröber</translation>
    </message>
    <message>
        <source>General model: at which resolution the bands&apos; corrections are computed. Native (the 20 m and 60 m bands at theirs) is about 2x less work on 12 bands, 20 m or coarser (the 10 m bands too) about 4x. Automatic: 20 m or coarser with one date, the 10 m grid when it starts from a reference date</source>
        <translation>Allgemeines Modell: in welcher Auflösung die Korrekturen der Bänder berechnet werden. Nativ (die 20-m- und 60-m-Bänder in ihrer eigenen) ist bei 12 Bändern etwa halb so viel Arbeit, 20 m oder gröber (auch die 10-m-Bänder) etwa ein Viertel. Automatisch: 20 m oder gröber mit einem Aufnahmedatum, das 10-m-Raster, wenn es von einem Referenzdatum ausgeht</translation>
    </message>
    <message>
        <source>Band resolution</source>
        <translation>Auflösung der Bänder</translation>
    </message>
    <message>
        <source>Cross-band, from the pixel alone</source>
        <translation>Bandübergreifend, nur aus dem Pixel</translation>
    </message>
    <message>
        <source>How the reference date is mapped onto this product before it fills hidden pixels. Cross-band also corrects the map from the reference&apos;s 3 x 3 neighbourhood where held-out pixels show that helps (the dates&apos; sub-pixel misregistration). Automatic: cross-band for temporal fill; for a network, what it was trained on (another mapping gives it a start it never learned from)</source>
        <translation>Wie das Referenzdatum auf dieses Produkt abgebildet wird, bevor es verdeckte Pixel füllt. Bandübergreifend korrigiert die Abbildung zusätzlich aus der 3 x 3-Nachbarschaft der Referenz, wo zurückgehaltene Pixel zeigen, dass das hilft (die Subpixel-Fehlregistrierung der Daten). Automatisch: bandübergreifend für die zeitliche Füllung; für ein Netz das, womit es trainiert wurde (eine andere Abbildung gibt ihm einen Ausgangspunkt, mit dem es nie gelernt hat)</translation>
    </message>
    <message>
        <source>Solved with the cloud</source>
        <translation>Mit der Wolke gelöst</translation>
    </message>
    <message>
        <source>Kept as seen</source>
        <translation>Wie gesehen behalten</translation>
    </message>
    <message>
        <source>The scene classification often leaves a cloud&apos;s hazy fringe and bright specks inside it marked clear. A harmonic fill (Harmonic fill, the General model with one date) that keeps them spreads their brightness into the cloud as bright discs. Solved: hazy pixels reached from a cloud, up to 1 km, are filled with it, and still written as they were. Automatic: solved</source>
        <translation>Die Szenenklassifikation lässt den dunstigen Rand einer Wolke und helle Flecken in ihr oft als klar markiert. Eine harmonische Füllung (Harmonische Füllung, das allgemeine Modell mit einem Datum), die sie beibehält, trägt ihre Helligkeit als helle Scheiben in die Wolke. Gelöst: dunstige Pixel, die von einer Wolke aus bis zu 1 km erreicht werden, werden mit ihr gefüllt und trotzdem unverändert geschrieben. Automatisch: gelöst</translation>
    </message>
    <message>
        <source>How other dates are mapped, the networks&apos; arithmetic and the resolution of their corrections, hazy cloud fringes</source>
        <translation>Wie andere Aufnahmedaten abgebildet werden, die Arithmetik der Netze und die Auflösung ihrer Korrekturen, dunstige Wolkenränder</translation>
    </message>
    <message>
        <source>Hazy cloud fringes</source>
        <translation>Dunstige Wolkenränder</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::Credentials</name>
    <message>
        <source>%1 (is a keychain service such as GNOME Keyring or KWallet running?)</source>
        <translation>%1 (läuft ein Schlüsselbund-Dienst wie GNOME Keyring oder KWallet?)</translation>
    </message>
    <message>
        <source>no login kept for it</source>
        <translation>keine Anmeldung dafür gespeichert</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::DisplayPanel</name>
    <message>
        <source>2–98 % (clear pixels)</source>
        <translation>2–98 % (klare Pixel)</translation>
    </message>
    <message>
        <source>Min / max</source>
        <translation>Min. / Max.</translation>
    </message>
    <message>
        <source>Composite</source>
        <translation>Komposit</translation>
    </message>
    <message>
        <source>Stretch</source>
        <translation>Streckung</translation>
    </message>
    <message>
        <source>Gamma</source>
        <translation>Gamma</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>R, G, B</source>
        <translation>R, G, B</translation>
    </message>
    <message>
        <source>Min, max</source>
        <translation>Min., Max.</translation>
    </message>
    <message>
        <source>Which bands the map shows as red, green and blue (or the NDVI ramp)</source>
        <translation>Welche Bänder die Karte als Rot, Grün und Blau zeigt (oder die NDVI-Skala)</translation>
    </message>
    <message>
        <source>How reflectance maps to brightness: the 2nd to 98th percentile of the clear pixels, the full range, or your own limits</source>
        <translation>Wie die Reflektanz auf Helligkeit abgebildet wird: 2. bis 98. Perzentil der klaren Pixel, der ganze Bereich oder eigene Grenzen</translation>
    </message>
    <message>
        <source>Brightness curve after the stretch: above 1 brightens the dark tones</source>
        <translation>Helligkeitskurve nach der Streckung: Werte über 1 hellen die dunklen Töne auf</translation>
    </message>
    <message>
        <source>Band shown in red</source>
        <translation>Band im Rotkanal</translation>
    </message>
    <message>
        <source>Band shown in green</source>
        <translation>Band im Grünkanal</translation>
    </message>
    <message>
        <source>Band shown in blue</source>
        <translation>Band im Blaukanal</translation>
    </message>
    <message>
        <source>Reflectance shown as black</source>
        <translation>Reflektanz, die schwarz dargestellt wird</translation>
    </message>
    <message>
        <source>Reflectance shown as white</source>
        <translation>Reflektanz, die weiß dargestellt wird</translation>
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
        <translation>Zeitliche Füllung (braucht eine Referenz)</translation>
    </message>
    <message>
        <source>Add Checkpoint…</source>
        <translation>Checkpoint hinzufügen…</translation>
    </message>
    <message>
        <source>Choose a checkpoint</source>
        <translation>Checkpoint wählen</translation>
    </message>
    <message>
        <source>Checkpoints (*.pth)</source>
        <translation>Checkpoints (*.pth)</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Bewerten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Scores each method on simulated clouds: the clear product is hidden behind the cloud shapes of the mask product and rebuilt; only the hidden pixels are scored.</source>
        <translation>Bewertet jede Methode an simulierten Wolken: Das klare Produkt wird hinter den Wolkenformen des Maskenprodukts verdeckt und rekonstruiert; bewertet werden nur die verdeckten Pixel.</translation>
    </message>
    <message>
        <source>Export the scores</source>
        <translation>Bewertungen exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Clear product</source>
        <translation>Klares Produkt</translation>
    </message>
    <message>
        <source>Cloud shapes from</source>
        <translation>Wolkenformen aus</translation>
    </message>
    <message>
        <source>Reference date</source>
        <translation>Referenzdatum</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>Methoden</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>Zeit (s)</translation>
    </message>
    <message>
        <source>Choose a clear product and the product (or mask) to take cloud shapes from.</source>
        <translation>Wählen Sie ein klares Produkt und das Produkt (oder die Maske), aus dem die Wolkenformen stammen.</translation>
    </message>
    <message>
        <source>Tick at least one method.</source>
        <translation>Wählen Sie mindestens eine Methode aus.</translation>
    </message>
    <message>
        <source>Temporal fill needs a reference date.</source>
        <translation>Die zeitliche Füllung braucht ein Referenzdatum.</translation>
    </message>
    <message numerus="yes">
        <source>Evaluating %n method(s)…</source>
        <translation>
            <numerusform>%n Methode wird bewertet…</numerusform>
            <numerusform>%n Methoden werden bewertet…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 on hidden pixels</source>
        <translation>%1 auf verdeckten Pixeln</translation>
    </message>
    <message>
        <source>%1 per band</source>
        <translation>%1 je Band</translation>
    </message>
    <message>
        <source>General model (pretrained)</source>
        <translation>Allgemeines Modell (vortrainiert)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln hidden pixel(s) scored (%L1 % of the area).</source>
        <translation>
            <numerusform>%Ln verdecktes Pixel bewertet (%L1 % der Fläche).</numerusform>
            <numerusform>%Ln verdeckte Pixel bewertet (%L1 % der Fläche).</numerusform>
        </translation>
    </message>
    <message>
        <source>A clear product (or a truth GeoTIFF): its pixels are hidden, rebuilt and compared with what was there</source>
        <translation>Ein klares Produkt (oder ein Referenz-GeoTIFF): Seine Pixel werden verdeckt, rekonstruiert und mit dem Original verglichen</translation>
    </message>
    <message>
        <source>The product whose clouds give the shapes hidden in the clear product</source>
        <translation>Das Produkt, dessen Wolken die im klaren Produkt verdeckten Formen liefern</translation>
    </message>
    <message>
        <source>Score a trained network (.pth) beside the other methods</source>
        <translation>Ein trainiertes Netz (.pth) neben den anderen Methoden bewerten</translation>
    </message>
    <message>
        <source>Hide the clear product behind the cloud masks, rebuild it with every ticked method and score the hidden pixels</source>
        <translation>Das klare Produkt hinter den Wolkenmasken verdecken, mit jeder angehakten Methode rekonstruieren und die verdeckten Pixel bewerten</translation>
    </message>
    <message>
        <source>Stop the evaluation</source>
        <translation>Die Bewertung abbrechen</translation>
    </message>
    <message>
        <source>The scores per method and band as a CSV file</source>
        <translation>Die Bewertungen je Methode und Band als CSV-Datei</translation>
    </message>
    <message>
        <source>The metric the charts show</source>
        <translation>Die Metrik, die die Diagramme zeigen</translation>
    </message>
    <message>
        <source>Charts show</source>
        <translation>Diagramme zeigen</translation>
    </message>
    <message>
        <source>General model, one date (pretrained)</source>
        <translation>Allgemeines Modell, ein Aufnahmedatum (vortrainiert)</translation>
    </message>
    <message>
        <source>With a reference date, the model that corrects the temporal fill</source>
        <translation>Mit einem Referenzdatum das Modell, das die zeitliche Füllung korrigiert</translation>
    </message>
    <message>
        <source>The one-date model even when a reference date is given: what the other date adds</source>
        <translation>Das Modell für ein Aufnahmedatum, auch wenn ein Referenzdatum angegeben ist: zeigt, was das andere Datum beiträgt</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Other dates of the clear product&apos;s tile, for temporal fill and the networks that use them (optional)</source>
        <translation>Weitere Aufnahmedaten der Kachel des klaren Produkts, für die zeitliche Füllung und die Netze, die sie nutzen (optional)</translation>
    </message>
    <message>
        <source>Harmonic fill</source>
        <translation>Harmonische Füllung</translation>
    </message>
    <message>
        <source>Each hidden pixel the mean of its neighbours: the smoothest surface that meets the cloud&apos;s edge</source>
        <translation>Jedes verdeckte Pixel ist der Mittelwert seiner Nachbarn: die glatteste Fläche, die an den Wolkenrand anschließt</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
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
        <translation>NDVI-MAE</translation>
    </message>
    <message>
        <source>Only the area of interest</source>
        <translation>Nur das Untersuchungsgebiet (AOI)</translation>
    </message>
    <message>
        <source>Score only the rectangle drawn on the map (Draw AOI or Shift+drag): on a whole tile each method rebuilds all of it otherwise</source>
        <translation>Nur das auf der Karte gezeichnete Rechteck bewerten (AOI zeichnen oder Umschalt+Ziehen): sonst baut jede Methode eine ganze Kachel neu auf</translation>
    </message>
    <message>
        <source>The area of interest is drawn on the map&apos;s layer, and the clear product lies on another grid: untick “Only the area of interest”, or draw it over the clear product.</source>
        <translation>Das Untersuchungsgebiet ist auf der Ebene der Karte gezeichnet, und das klare Produkt liegt auf einem anderen Raster: „Nur das Untersuchungsgebiet (AOI)“ abwählen oder es über dem klaren Produkt zeichnen.</translation>
    </message>
    <message>
        <source>Only the area of interest, %1 x %2 px.</source>
        <translation>Nur das Untersuchungsgebiet, %1 x %2 px.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::FieldsPanel</name>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Hidden %</source>
        <translation>Verdeckt %</translation>
    </message>
    <message>
        <source>Rebuilt %</source>
        <translation>Rekonstruiert %</translation>
    </message>
    <message>
        <source>%1 before</source>
        <translation>%1 vorher</translation>
    </message>
    <message>
        <source>%1 after</source>
        <translation>%1 nachher</translation>
    </message>
    <message>
        <source>Pixels</source>
        <translation>Pixel</translation>
    </message>
    <message>
        <source>No parcels: open a field boundary file (GeoPackage, GeoJSON, Shapefile, FlatGeobuf, KML) or drop one on the window.</source>
        <translation>Keine Parzellen: Öffnen Sie eine Datei mit Feldgrenzen (GeoPackage, GeoJSON, Shapefile, FlatGeobuf, KML) oder ziehen Sie eine auf das Fenster.</translation>
    </message>
    <message>
        <source>Open Parcels…</source>
        <translation>Parzellen öffnen…</translation>
    </message>
    <message>
        <source>Field boundaries in any CRS; they are placed on the product&apos;s grid</source>
        <translation>Feldgrenzen in beliebigem KBS; sie werden auf das Raster des Produkts gelegt</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Berechnen</translation>
    </message>
    <message>
        <source>Statistics of every open layer (products and reconstructions) per field</source>
        <translation>Statistik jedes geöffneten Layers (Produkte und Rekonstruktionen) je Feld</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Export GeoPackage…</source>
        <translation>GeoPackage exportieren…</translation>
    </message>
    <message>
        <source>The parcels with the statistics as attributes: opens in QGIS</source>
        <translation>Die Parzellen mit der Statistik als Attributen: lässt sich in QGIS öffnen</translation>
    </message>
    <message>
        <source>Every pixel a field touches</source>
        <translation>Jedes Pixel, das ein Feld berührt</translation>
    </message>
    <message>
        <source>Off: a pixel belongs to a field when its centre lies inside (GDAL rasterisation)</source>
        <translation>Aus: Ein Pixel gehört zu einem Feld, wenn sein Mittelpunkt darin liegt (GDAL-Rasterisierung)</translation>
    </message>
    <message>
        <source>The layer the table shows</source>
        <translation>Der Layer, den die Tabelle zeigt</translation>
    </message>
    <message>
        <source>The attribute that names each field</source>
        <translation>Das Attribut, das jedes Feld benennt</translation>
    </message>
    <message>
        <source>Select a field in the table or click one on the map.</source>
        <translation>Wählen Sie ein Feld in der Tabelle oder klicken Sie eines auf der Karte an.</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Beschriftung</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Index</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Open a product first: the parcels are placed on its grid.</source>
        <translation>Öffnen Sie zuerst ein Produkt: Die Parzellen werden auf sein Raster gelegt.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n field(s) on the product (label: %2)</source>
        <translation>
            <numerusform>%1: %n Feld auf dem Produkt (Beschriftung: %2)</numerusform>
            <numerusform>%1: %n Felder auf dem Produkt (Beschriftung: %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n repaired</source>
        <translation>
            <numerusform>%n repariert</numerusform>
            <numerusform>%n repariert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n outside the product</source>
        <translation>
            <numerusform>%n außerhalb des Produkts</numerusform>
            <numerusform>%n außerhalb des Produkts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped (not polygons or empty)</source>
        <translation>
            <numerusform>%n übersprungen (kein Polygon oder leer)</numerusform>
            <numerusform>%n übersprungen (keine Polygone oder leer)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Computing the statistics of %n layer(s)…</source>
        <translation>
            <numerusform>Statistik von %n Layer wird berechnet…</numerusform>
            <numerusform>Statistik von %n Layern wird berechnet…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s) computed</source>
        <translation>
            <numerusform>%n Layer berechnet</numerusform>
            <numerusform>%n Layer berechnet</numerusform>
        </translation>
    </message>
    <message>
        <source>; skipped: %1</source>
        <translation>; übersprungen: %1</translation>
    </message>
    <message>
        <source>%1 (product)</source>
        <translation>%1 (Produkt)</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Open parcels and compute to see each field&apos;s numbers.</source>
        <translation>Öffnen Sie Parzellen und berechnen Sie, um die Werte jedes Felds zu sehen.</translation>
    </message>
    <message>
        <source>Before / after of the selected field</source>
        <translation>Vorher / nachher des gewählten Felds</translation>
    </message>
    <message>
        <source>The selected field over the dates (open several dates as layers)</source>
        <translation>Das gewählte Feld über die Aufnahmedaten (mehrere Daten als Layer öffnen)</translation>
    </message>
    <message>
        <source>Hidden %1 % (cloud %2, shadow %3, cirrus %4, snow %5)</source>
        <translation>Verdeckt %1 % (Wolken %2, Schatten %3, Zirren %4, Schnee %5)</translation>
    </message>
    <message>
        <source>; rebuilt %1 % by %2</source>
        <translation>; %1 % rekonstruiert mit %2</translation>
    </message>
    <message>
        <source>before (visible)</source>
        <translation>vorher (sichtbar)</translation>
    </message>
    <message>
        <source>after (all pixels)</source>
        <translation>nachher (alle Pixel)</translation>
    </message>
    <message>
        <source>Before (visible)</source>
        <translation>Vorher (sichtbar)</translation>
    </message>
    <message>
        <source>After (all pixels)</source>
        <translation>Nachher (alle Pixel)</translation>
    </message>
    <message>
        <source>Field %1: mean of each index</source>
        <translation>Feld %1: Mittelwert jedes Index</translation>
    </message>
    <message>
        <source>%1 over time</source>
        <translation>%1 im Zeitverlauf</translation>
    </message>
    <message>
        <source>clear</source>
        <translation>klar</translation>
    </message>
    <message>
        <source>rebuilt</source>
        <translation>rekonstruiert</translation>
    </message>
    <message>
        <source>hidden (visible part)</source>
        <translation>verdeckt (sichtbarer Teil)</translation>
    </message>
    <message>
        <source>%1: %2 %3; hidden %4 %%5</source>
        <translation>%1: %2 %3; verdeckt %4 %%5</translation>
    </message>
    <message>
        <source>, rebuilt %1 % (%2)</source>
        <translation>, rekonstruiert %1 % (%2)</translation>
    </message>
    <message>
        <source>Field %1: %2 per date</source>
        <translation>Feld %1: %2 je Aufnahmedatum</translation>
    </message>
    <message>
        <source>Open Parcels</source>
        <translation>Parzellen öffnen</translation>
    </message>
    <message>
        <source>Export GeoPackage</source>
        <translation>GeoPackage exportieren</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
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
        <translation>%1 geschrieben</translation>
    </message>
    <message>
        <source>Stop computing the statistics</source>
        <translation>Die Berechnung der Statistik abbrechen</translation>
    </message>
    <message>
        <source>The table of every field and layer as a CSV file</source>
        <translation>Die Tabelle aller Felder und Layer als CSV-Datei</translation>
    </message>
    <message>
        <source>The index the chart shows per date</source>
        <translation>Der Index, den das Diagramm je Aufnahmedatum zeigt</translation>
    </message>
    <message>
        <source>Area (%1)</source>
        <translation>Fläche (%1)</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; — %2, %Ln pixel(s)&lt;br&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %2, %Ln Pixel&lt;br&gt;</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %2, %Ln Pixel&lt;br&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>Vector data (*.gpkg *.geojson *.json *.shp *.zip *.fgb *.kml *.gml);;All files (*)</source>
        <translation>Vektordaten (*.gpkg *.geojson *.json *.shp *.zip *.fgb *.kml *.gml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Added the layers to %1 (its other layers are kept)</source>
        <translation>Ebenen zu %1 hinzugefügt (die übrigen Ebenen bleiben erhalten)</translation>
    </message>
    <message>
        <source>The selected field over the dates</source>
        <translation>Das gewählte Feld über die Aufnahmedaten</translation>
    </message>
    <message>
        <source>%1 exists and is not a GeoPackage: it is left as it is. Choose another name.</source>
        <translation>%1 existiert und ist kein GeoPackage: die Datei bleibt unverändert. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Schreibe %1…</translation>
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
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Product…</source>
        <translation>&amp;Produkt öffnen…</translation>
    </message>
    <message>
        <source>Open a Sentinel-2 product</source>
        <translation>Sentinel-2-Produkt öffnen</translation>
    </message>
    <message>
        <source>Open &amp;SAFE Folder…</source>
        <translation>&amp;SAFE-Ordner öffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Zoom to &amp;Fit</source>
        <translation>Auf &amp;Fenstergröße zoomen</translation>
    </message>
    <message>
        <source>Zoom &amp;1:1 (10 m per pixel)</source>
        <translation>Zoom &amp;1:1 (10 m pro Pixel)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;Hineinzoomen</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>He&amp;rauszoomen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Unclouded</source>
        <translation>Über &amp;Unclouded</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Eigenschaft</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>Scene classes</source>
        <translation>Szenenklassen</translation>
    </message>
    <message>
        <source>Pixel inspector</source>
        <translation>Pixelinspektor</translation>
    </message>
    <message>
        <source>Still opening %1; wait for it or cancel it first.</source>
        <translation>%1 wird noch geöffnet; warten Sie oder brechen Sie zuerst ab.</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Opening cancelled</source>
        <translation>Öffnen abgebrochen</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>%1 — Unclouded</source>
        <translation>%1 — Unclouded</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Verarbeitungsstufe</translation>
    </message>
    <message>
        <source>Sensing time</source>
        <translation>Aufnahmezeit</translation>
    </message>
    <message>
        <source>Tile</source>
        <translation>Kachel</translation>
    </message>
    <message>
        <source>Processing baseline</source>
        <translation>Processing Baseline</translation>
    </message>
    <message>
        <source>CRS</source>
        <translation>KBS</translation>
    </message>
    <message>
        <source>none (pixel coordinates)</source>
        <translation>keins (Pixelkoordinaten)</translation>
    </message>
    <message>
        <source>Size at %1 m</source>
        <translation>Größe bei %1 m</translation>
    </message>
    <message>
        <source>Cloud cover (metadata)</source>
        <translation>Wolkenbedeckung (Metadaten)</translation>
    </message>
    <message>
        <source>Sun zenith / azimuth</source>
        <translation>Sonnenzenit / -azimut</translation>
    </message>
    <message>
        <source>Bands (offset)</source>
        <translation>Bänder (Offset)</translation>
    </message>
    <message>
        <source>Radiometry</source>
        <translation>Radiometrie</translation>
    </message>
    <message>
        <source>reflectance = (DN + offset) / quantification; DN 0 = nodata</source>
        <translation>Reflektanz = (DN + Offset) / Quantifizierung; DN 0 = NoData</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Open SC&amp;L File for Current Product…</source>
        <translation>SC&amp;L-Datei für aktuelles Produkt öffnen…</translation>
    </message>
    <message>
        <source>Open a product first, then its SCL or mask file.</source>
        <translation>Öffnen Sie zuerst ein Produkt, dann seine SCL- oder Maskendatei.</translation>
    </message>
    <message>
        <source>Scene classification raster (SCL codes)</source>
        <translation>Szenenklassifikationsraster (SCL-Codes)</translation>
    </message>
    <message>
        <source>Rasters (*.tif *.tiff *.jp2);;All files (*)</source>
        <translation>Raster (*.tif *.tiff *.jp2);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open &amp;Mask File for Current Product…</source>
        <translation>&amp;Maskendatei für aktuelles Produkt öffnen…</translation>
    </message>
    <message>
        <source>Draw AOI</source>
        <translation>AOI zeichnen</translation>
    </message>
    <message>
        <source>Drag a rectangle on the map to set the area of interest (Shift+drag works any time; Esc clears it)</source>
        <translation>Ziehen Sie ein Rechteck auf der Karte, um das Untersuchungsgebiet (AOI) festzulegen (Umschalt+Ziehen geht jederzeit; Esc entfernt es)</translation>
    </message>
    <message>
        <source>Clear AOI</source>
        <translation>AOI entfernen</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source> + %1</source>
        <translation> + %1</translation>
    </message>
    <message>
        <source>Before / After</source>
        <translation>Vorher / Nachher</translation>
    </message>
    <message>
        <source>Compare the product with its reconstruction (swipe, side by side, blink, fade, difference)</source>
        <translation>Das Produkt mit seiner Rekonstruktion vergleichen (Wischen, nebeneinander, Blinken, Überblenden, Differenz)</translation>
    </message>
    <message>
        <source>Reconstruction</source>
        <translation>Rekonstruktion</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Wrote %1 (an AOI: open it as a layer to view it)</source>
        <translation>%1 geschrieben (ein AOI: als Layer öffnen, um es anzuzeigen)</translation>
    </message>
    <message>
        <source>%1: before / after — drag the divider, B blinks</source>
        <translation>%1: vorher / nachher — Trennlinie ziehen, B blinkt</translation>
    </message>
    <message>
        <source>A .SAFE folder, or a folder of one GeoTIFF / COG / JP2 per band (B02.tif, blue.tif, …_B02_10m.jp2) with its SCL</source>
        <translation>Ein .SAFE-Ordner oder ein Ordner mit einem GeoTIFF / COG / JP2 je Band (B02.tif, blue.tif, …_B02_10m.jp2) samt SCL</translation>
    </message>
    <message>
        <source>Open a .SAFE folder or a folder of band files</source>
        <translation>Einen .SAFE-Ordner oder einen Ordner mit Banddateien öffnen</translation>
    </message>
    <message>
        <source>Open &amp;Parcels…</source>
        <translation>Pa&amp;rzellen öffnen…</translation>
    </message>
    <message>
        <source>Field boundaries: GeoPackage, GeoJSON, Shapefile, FlatGeobuf, KML</source>
        <translation>Feldgrenzen: GeoPackage, GeoJSON, Shapefile, FlatGeobuf, KML</translation>
    </message>
    <message>
        <source>Open a product first: the parcels are placed on its grid.</source>
        <translation>Öffnen Sie zuerst ein Produkt: Die Parzellen werden auf sein Raster gelegt.</translation>
    </message>
    <message>
        <source>Open Parcels</source>
        <translation>Parzellen öffnen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>The new language is used when Unclouded is started again.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von Unclouded.</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>Layout &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Felder</translation>
    </message>
    <message>
        <source>AOI %1 x %2 px (%L3 km²)</source>
        <translation>AOI %1 x %2 px (%L3 km²)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;User Guide</source>
        <translation>&amp;Benutzerhandbuch</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Preferences saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>&amp;Inspect</source>
        <translation>&amp;Untersuchen</translation>
    </message>
    <message>
        <source>Layers, display, product metadata, scene classes and the pixel inspector</source>
        <translation>Layer, Darstellung, Produktmetadaten, Szenenklassen und der Pixelinspektor</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>&amp;Trainieren</translation>
    </message>
    <message>
        <source>Train a network on the product&apos;s clear areas</source>
        <translation>Ein Netz auf den klaren Bereichen des Produkts trainieren</translation>
    </message>
    <message>
        <source>&amp;Reconstruct</source>
        <translation>&amp;Rekonstruieren</translation>
    </message>
    <message>
        <source>Rebuild the hidden pixels and compare before and after</source>
        <translation>Die verdeckten Pixel wiederherstellen und vorher und nachher vergleichen</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>&amp;Bewerten</translation>
    </message>
    <message>
        <source>Score the methods on simulated clouds or against a truth</source>
        <translation>Die Methoden an simulierten Wolken oder an einer Referenz bewerten</translation>
    </message>
    <message>
        <source>&amp;Fields</source>
        <translation>&amp;Felder</translation>
    </message>
    <message>
        <source>Field boundaries and per-field statistics</source>
        <translation>Feldgrenzen und Statistiken je Feld</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Suche</translation>
    </message>
    <message>
        <source>Search a STAC catalogue and download products</source>
        <translation>Einen STAC-Katalog durchsuchen und Produkte herunterladen</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>Auf&amp;gabe</translation>
    </message>
    <message>
        <source>Stop opening the product</source>
        <translation>Das Öffnen des Produkts abbrechen</translation>
    </message>
    <message>
        <source>Open a Sentinel-2 product: a SAFE folder, .zip or MTD_MSIL*.xml, a STAC item or a GeoTIFF</source>
        <translation>Ein Sentinel-2-Produkt öffnen: SAFE-Ordner, .zip oder MTD_MSIL*.xml, ein STAC-Item oder ein GeoTIFF</translation>
    </message>
    <message>
        <source>Show the whole product (Ctrl+0)</source>
        <translation>Das ganze Produkt zeigen (Strg+0)</translation>
    </message>
    <message>
        <source>One screen pixel per 10 m pixel (Ctrl+1)</source>
        <translation>Ein Bildschirmpixel je 10-m-Pixel (Strg+1)</translation>
    </message>
    <message>
        <source>Zoom in on the centre of the map (the mouse wheel zooms where it points)</source>
        <translation>In die Kartenmitte hineinzoomen (das Mausrad zoomt dort, wohin es zeigt)</translation>
    </message>
    <message>
        <source>Zoom out from the centre of the map</source>
        <translation>Aus der Kartenmitte herauszoomen</translation>
    </message>
    <message>
        <source>Remove the area of interest: jobs cover the whole product again (Esc on the map)</source>
        <translation>Den Interessenbereich entfernen: Aufträge decken wieder das ganze Produkt ab (Esc auf der Karte)</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>Mask Values</source>
        <translation>Maskenwerte</translation>
    </message>
    <message>
        <source>This mask holds the values %1.
Which of them hide the ground? The others count as clear.
Values and ranges, e.g. 2,3,4 (Fmask&apos;s shadow, snow and cloud) or 40-100 (a cloud probability).</source>
        <translation>Diese Maske enthält die Werte %1.
Welche davon verdecken den Boden? Die übrigen gelten als klar.
Werte und Bereiche, z. B. 2,3,4 (Schatten, Schnee und Wolken in Fmask) oder 40-100 (eine Wolkenwahrscheinlichkeit).</translation>
    </message>
    <message>
        <source>Mask (raster: non-zero = hidden; polygons: hidden)</source>
        <translation>Maske (Raster: ungleich null = verdeckt; Polygone: verdeckt)</translation>
    </message>
    <message>
        <source>Masks (*.tif *.tiff *.jp2 *.gml *.gpkg *.shp *.geojson *.kml *.kmz *.fgb);;Rasters (*.tif *.tiff *.jp2);;Polygons (*.gml *.gpkg *.shp *.geojson *.kml *.kmz *.fgb);;All files (*)</source>
        <translation>Masken (*.tif *.tiff *.jp2 *.gml *.gpkg *.shp *.geojson *.kml *.kmz *.fgb);;Raster (*.tif *.tiff *.jp2);;Polygone (*.gml *.gpkg *.shp *.geojson *.kml *.kmz *.fgb);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Reading the values of %1…</source>
        <translation>Werte von %1 werden gelesen…</translation>
    </message>
    <message>
        <source>The current layer changed while %1 was read: select %2 and open the mask again.</source>
        <translation>Die aktuelle Ebene hat sich geändert, während %1 gelesen wurde: %2 auswählen und die Maske erneut öffnen.</translation>
    </message>
    <message>
        <source>This mask holds 16-bit flags; the bits set are %1.
Which bits hide the ground? Pixels with none of them set count as clear.
Bits 0-15, comma-separated, e.g. 10,11 (QA60&apos;s opaque clouds and cirrus).</source>
        <translation>Diese Maske enthält 16-Bit-Flags; gesetzt sind die Bits %1.
Welche Bits verdecken den Boden? Pixel ohne eines davon gelten als klar.
Bits 0-15, durch Kommas getrennt, z. B. 10,11 (die dichten Wolken und Zirren von QA60).</translation>
    </message>
    <message>
        <source>Mask Bits</source>
        <translation>Maskenbits</translation>
    </message>
    <message>
        <source>a reconstruction</source>
        <translation>eine Rekonstruktion</translation>
    </message>
    <message>
        <source>a training run</source>
        <translation>ein Training</translation>
    </message>
    <message>
        <source>an evaluation</source>
        <translation>eine Bewertung</translation>
    </message>
    <message>
        <source>the field statistics</source>
        <translation>die Feldstatistik</translation>
    </message>
    <message>
        <source>a search or download</source>
        <translation>eine Suche oder ein Download</translation>
    </message>
    <message>
        <source>Quit Unclouded</source>
        <translation>Unclouded beenden</translation>
    </message>
    <message>
        <source>Still running: %1.
Quit and stop it? What it has not finished is not written.</source>
        <translation>Läuft noch: %1.
Beenden und abbrechen? Was noch nicht fertig ist, wird nicht geschrieben.</translation>
    </message>
    <message>
        <source>Stop and Quit</source>
        <translation>Abbrechen und beenden</translation>
    </message>
    <message>
        <source>%1: before / after — B blinks</source>
        <translation>%1: vorher / nachher — B blinkt</translation>
    </message>
    <message>
        <source>This mask holds graded values from %1 to %2 (a cloud probability or score).
From which value up do they hide the ground? Lower values count as clear.</source>
        <translation>Diese Maske enthält abgestufte Werte von %1 bis %2 (eine Wolkenwahrscheinlichkeit oder ein Wert).
Ab welchem Wert verdecken sie den Boden? Kleinere Werte gelten als klar.</translation>
    </message>
    <message>
        <source>Mask Threshold</source>
        <translation>Maskenschwelle</translation>
    </message>
    <message>
        <source>Vector data (*.gpkg *.geojson *.json *.shp *.zip *.fgb *.kml *.gml);;All files (*)</source>
        <translation>Vektordaten (*.gpkg *.geojson *.json *.shp *.zip *.fgb *.kml *.gml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Zoom 1:1</source>
        <translation>Zoom 1:1</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
    <message>
        <source>Wrote %1: select %2 to compare it with its result</source>
        <translation>%1 geschrieben: wählen Sie %2, um es mit seinem Ergebnis zu vergleichen</translation>
    </message>
    <message>
        <source>&amp;Close Layer</source>
        <translation>Ebene &amp;schließen</translation>
    </message>
    <message>
        <source>Remove the current layer from the map and the docks (the files stay)</source>
        <translation>Die aktuelle Ebene aus Karte und Docks entfernen (die Dateien bleiben)</translation>
    </message>
    <message>
        <source>Closed %1</source>
        <translation>%1 geschlossen</translation>
    </message>
    <message>
        <source>%1 was closed while its mask file was read: not opened</source>
        <translation>%1 wurde geschlossen, während seine Maskendatei gelesen wurde: nicht geöffnet</translation>
    </message>
    <message>
        <source>Sentinel-2 products (MTD_MSIL*.xml MTD_TL.xml *.zip *.json *.tif *.tiff);;All files (*)</source>
        <translation>Sentinel-2-Produkte (MTD_MSIL*.xml MTD_TL.xml *.zip *.json *.tif *.tiff);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Clear Menu</source>
        <translation>Liste leeren</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::PixelInspector</name>
    <message>
        <source>Property</source>
        <translation>Eigenschaft</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Wavelength (nm)</source>
        <translation>Wellenlänge (nm)</translation>
    </message>
    <message>
        <source>Pixel</source>
        <translation>Pixel</translation>
    </message>
    <message>
        <source>Map (EPSG:%1)</source>
        <translation>Karte (EPSG:%1)</translation>
    </message>
    <message>
        <source>Lat, lon</source>
        <translation>Breite, Länge</translation>
    </message>
    <message>
        <source>NDVI</source>
        <translation>NDVI</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Reconstructed</source>
        <translation>Rekonstruiert</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no (unchanged)</source>
        <translation>nein (unverändert)</translation>
    </message>
    <message>
        <source>before</source>
        <translation>vorher</translation>
    </message>
    <message>
        <source>after</source>
        <translation>nachher</translation>
    </message>
    <message>
        <source>Click a pixel on the map: its reflectance in every band, its scene class and its spectrum appear here (with a reconstruction open, before and after).</source>
        <translation>Klicken Sie auf ein Pixel der Karte: Seine Reflektanz in jedem Band, seine Szenenklasse und sein Spektrum erscheinen hier (bei geöffneter Rekonstruktion vorher und nachher).</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>A new language is used when Unclouded is started again.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start von Unclouded.</translation>
    </message>
    <message>
        <source>All cores (%1)</source>
        <translation>Alle Kerne (%1)</translation>
    </message>
    <message>
        <source>Threads for reconstruction and training (UNCLOUDED_THREADS); 0 uses every core.</source>
        <translation>Threads für Rekonstruktion und Training (UNCLOUDED_THREADS); 0 nutzt alle Kerne.</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>GDAL&apos;s block cache for reading and writing rasters. Larger is faster on big products but uses more memory.</source>
        <translation>GDALs Blockcache zum Lesen und Schreiben von Rastern. Größer ist bei großen Produkten schneller, braucht aber mehr Speicher.</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>GDAL cache</source>
        <translation>GDAL-Cache</translation>
    </message>
    <message>
        <source>The GDAL cache changes at once; the threads at the next start.</source>
        <translation>Der GDAL-Cache ändert sich sofort, die Threads beim nächsten Start.</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Grows the hidden area by this many 10 m pixels, to catch cloud edges.</source>
        <translation>Vergrößert den verdeckten Bereich um so viele 10-m-Pixel, um Wolkenränder zu erfassen.</translation>
    </message>
    <message>
        <source>Masks</source>
        <translation>Masken</translation>
    </message>
    <message>
        <source>Hidden classes</source>
        <translation>Verdeckte Klassen</translation>
    </message>
    <message>
        <source>Mask buffer</source>
        <translation>Maskenpuffer</translation>
    </message>
    <message>
        <source>Applied to the open product at once and used for every product opened later.</source>
        <translation>Gilt sofort für das geöffnete Produkt und für jedes später geöffnete.</translation>
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
        <translation>Keine</translation>
    </message>
    <message>
        <source>DEFLATE: read by every GIS. ZSTD: faster and often smaller; some older readers lack it.</source>
        <translation>DEFLATE: liest jedes GIS. ZSTD: schneller und oft kleiner; manche ältere Programme können es nicht lesen.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>Kompression</translation>
    </message>
    <message>
        <source>Where downloaded products go (the Search panel uses the same folder)</source>
        <translation>Wohin heruntergeladene Produkte gehen (die Suche nutzt denselben Ordner)</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose the download folder</source>
        <translation>Download-Ordner wählen</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>After a download, the oldest downloaded items are removed until the folder fits; 0 keeps everything</source>
        <translation>Nach einem Download werden die ältesten heruntergeladenen Einträge entfernt, bis der Ordner passt; 0 behält alles</translation>
    </message>
    <message>
        <source>Empty…</source>
        <translation>Leeren…</translation>
    </message>
    <message>
        <source>Remove every downloaded item from the folder (other files stay)</source>
        <translation>Alle heruntergeladenen Einträge aus dem Ordner entfernen (andere Dateien bleiben)</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Size limit</source>
        <translation>Größenbegrenzung</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Belegt</translation>
    </message>
    <message>
        <source>Download Folder</source>
        <translation>Download-Ordner</translation>
    </message>
    <message>
        <source>How the Fields panel shows areas; exports keep hectares</source>
        <translation>Wie der Bereich Felder Flächen zeigt; Exporte bleiben in Hektar</translation>
    </message>
    <message>
        <source>How the pixel inspector shows reflectance; exports and the CLI keep reflectance 0–1</source>
        <translation>Wie der Pixel-Inspektor die Reflektanz zeigt; Exporte und die Kommandozeile bleiben bei Reflektanz 0–1</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Einheiten</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Fläche</translation>
    </message>
    <message>
        <source>Reflectance</source>
        <translation>Reflektanz</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>wird gezählt…</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s), %1</source>
        <translation>
            <numerusform>%n Eintrag, %1</numerusform>
            <numerusform>%n Einträge, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Empty the Download Folder</source>
        <translation>Download-Ordner leeren</translation>
    </message>
    <message>
        <source>removing…</source>
        <translation>wird entfernt…</translation>
    </message>
    <message>
        <source>Remove every downloaded item from %1? Items open as layers or read by a running job, and other files there, are kept.</source>
        <translation>Alle heruntergeladenen Einträge aus %1 entfernen? Als Ebenen geöffnete oder von einem laufenden Auftrag gelesene Einträge und andere Dateien dort bleiben erhalten.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::ReconPanel</name>
    <message>
        <source>OpenCV Telea inpainting</source>
        <translation>OpenCV-Telea-Inpainting</translation>
    </message>
    <message>
        <source>OpenCV Navier–Stokes inpainting</source>
        <translation>OpenCV-Navier–Stokes-Inpainting</translation>
    </message>
    <message>
        <source>Temporal fill (reference date)</source>
        <translation>Zeitliche Füllung (Referenzdatum)</translation>
    </message>
    <message>
        <source>Use a network trained in the Training panel or with &apos;unclouded-cli train&apos; (.pth)</source>
        <translation>Ein im Bereich Training oder mit &apos;unclouded-cli train&apos; trainiertes Netz verwenden (.pth)</translation>
    </message>
    <message>
        <source>Choose a checkpoint</source>
        <translation>Checkpoint wählen</translation>
    </message>
    <message>
        <source>Checkpoints (*.pth)</source>
        <translation>Checkpoints (*.pth)</translation>
    </message>
    <message>
        <source>Only the area of interest</source>
        <translation>Nur das Untersuchungsgebiet (AOI)</translation>
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
        <translation>Bereinigtes Produkt speichern unter</translation>
    </message>
    <message>
        <source>GeoTIFF (*.tif *.tiff)</source>
        <translation>GeoTIFF (*.tif *.tiff)</translation>
    </message>
    <message>
        <source>Reconstruct</source>
        <translation>Rekonstruieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Open a product with a scene classification or mask.</source>
        <translation>Öffnen Sie ein Produkt mit Szenenklassifikation oder Maske.</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Swipe</source>
        <translation>Wischen</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Nebeneinander</translation>
    </message>
    <message>
        <source>Blink (B)</source>
        <translation>Blinken (B)</translation>
    </message>
    <message>
        <source>Fade</source>
        <translation>Überblenden</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Differenz</translation>
    </message>
    <message>
        <source>Horizontal divider</source>
        <translation>Horizontale Trennlinie</translation>
    </message>
    <message>
        <source>NDVI (after − before)</source>
        <translation>NDVI (nachher − vorher)</translation>
    </message>
    <message>
        <source>Outline rebuilt pixels</source>
        <translation>Rekonstruierte Pixel umranden</translation>
    </message>
    <message>
        <source>Save View as Image…</source>
        <translation>Ansicht als Bild speichern…</translation>
    </message>
    <message>
        <source>Before / after</source>
        <translation>Vorher / nachher</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Ansicht</translation>
    </message>
    <message>
        <source>Save the view as</source>
        <translation>Ansicht speichern unter</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg)</source>
        <translation>Bilder (*.png *.jpg)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Bereit.</translation>
    </message>
    <message>
        <source>This product has no scene classification: open an SCL or mask file for it.</source>
        <translation>Dieses Produkt hat keine Szenenklassifikation: Öffnen Sie eine SCL- oder Maskendatei dazu.</translation>
    </message>
    <message>
        <source>Temporal fill needs a reference date: open a clear product of the same tile and choose it.</source>
        <translation>Die zeitliche Füllung braucht ein Referenzdatum: Öffnen Sie ein klares Produkt derselben Kachel und wählen Sie es aus.</translation>
    </message>
    <message>
        <source>Starting %1…</source>
        <translation>%1 wird gestartet…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>, about %1 s left</source>
        <translation>, noch etwa %1 s</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written.</source>
        <translation>Abgebrochen; nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>General model (pretrained, no training)</source>
        <translation>Allgemeines Modell (vortrainiert, ohne Training)</translation>
    </message>
    <message>
        <source>The network that ships with Unclouded: any Sentinel-2 product, no training. With a reference date it starts from the temporal fill and corrects it.</source>
        <translation>Das mit Unclouded ausgelieferte Netz: jedes Sentinel-2-Produkt, ohne Training. Mit einem Referenzdatum geht es von der zeitlichen Füllung aus und korrigiert sie.</translation>
    </message>
    <message>
        <source>product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>mask</source>
        <translation>Maske</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>The output</source>
        <translation>Die Ausgabe</translation>
    </message>
    <message>
        <source>Its mask</source>
        <translation>Ihre Maske</translation>
    </message>
    <message numerus="yes">
        <source>Rebuilt %L1 % of the area in %L2 s (%L3 of %Ln window(s) skipped). Wrote %4</source>
        <translation>
            <numerusform>%L1 % der Fläche in %L2 s rekonstruiert (%L3 von %Ln Fenster übersprungen). %4 geschrieben</numerusform>
            <numerusform>%L1 % der Fläche in %L2 s rekonstruiert (%L3 von %Ln Fenstern übersprungen). %4 geschrieben</numerusform>
        </translation>
    </message>
    <message>
        <source>How the hidden pixels are rebuilt: inpainting from the surroundings, another date, or a network</source>
        <translation>Wie die verdeckten Pixel rekonstruiert werden: Inpainting aus der Umgebung, ein anderes Aufnahmedatum oder ein Netz</translation>
    </message>
    <message>
        <source>Rebuild and write only the rectangle drawn on the map (Draw AOI or Shift+drag)</source>
        <translation>Nur das auf der Karte gezeichnete Rechteck rekonstruieren und schreiben (AOI zeichnen oder Umschalt+Ziehen)</translation>
    </message>
    <message>
        <source>A Cloud-Optimized GeoTIFF streams from a web server; both keep the product&apos;s grid</source>
        <translation>Ein Cloud-Optimized GeoTIFF lässt sich von einem Webserver streamen; beide behalten das Raster des Produkts</translation>
    </message>
    <message>
        <source>The GeoTIFF written; its rebuilt-pixel mask goes beside it as .mask.tif</source>
        <translation>Das geschriebene GeoTIFF; seine Maske der rekonstruierten Pixel liegt daneben als .mask.tif</translation>
    </message>
    <message>
        <source>Choose where the result is saved</source>
        <translation>Wählen, wo das Ergebnis gespeichert wird</translation>
    </message>
    <message>
        <source>Rebuild the hidden pixels and write the result; the comparison opens as rows finish</source>
        <translation>Die verdeckten Pixel rekonstruieren und das Ergebnis schreiben; der Vergleich öffnet sich, während Zeilen fertig werden</translation>
    </message>
    <message>
        <source>Stop; no file is left behind</source>
        <translation>Abbrechen; es bleibt keine Datei zurück</translation>
    </message>
    <message>
        <source>How before and after are shown: a divider, two synced views, blinking, a fade or the difference</source>
        <translation>Wie vorher und nachher gezeigt werden: Trennlinie, zwei gekoppelte Ansichten, Blinken, Überblenden oder Differenz</translation>
    </message>
    <message>
        <source>Divide the view top / bottom instead of left / right</source>
        <translation>Die Ansicht oben / unten statt links / rechts teilen</translation>
    </message>
    <message>
        <source>Fade mode: how much of the after picture shows</source>
        <translation>Überblendmodus: wie viel vom Nachher-Bild zu sehen ist</translation>
    </message>
    <message>
        <source>Difference mode: the index or band compared, on a blue–white–red ramp</source>
        <translation>Differenzmodus: der verglichene Index oder das Band, auf einer Blau-Weiß-Rot-Skala</translation>
    </message>
    <message>
        <source>Draw the edge of every rebuilt area on the after side</source>
        <translation>Den Rand jedes rekonstruierten Bereichs auf der Nachher-Seite zeichnen</translation>
    </message>
    <message>
        <source>Save the comparison as it is shown as a PNG or JPEG</source>
        <translation>Den Vergleich so, wie er angezeigt wird, als PNG oder JPEG speichern</translation>
    </message>
    <message>
        <source>Other dates of the same tile, for temporal fill and the networks that use them; only open products on this product&apos;s grid are offered</source>
        <translation>Andere Aufnahmedaten derselben Kachel, für die zeitliche Füllung und die Netze, die sie nutzen; angeboten werden nur geöffnete Produkte auf dem Raster dieses Produkts</translation>
    </message>
    <message>
        <source>float32 reflectance</source>
        <translation>Reflektanz als float32</translation>
    </message>
    <message>
        <source>Write reflectance as 32-bit floats (twice the size) instead of the product&apos;s DN (uint16 with scale and offset, the default)</source>
        <translation>Reflektanz als 32-Bit-Gleitkommazahlen schreiben (doppelte Größe) statt der DN des Produkts (uint16 mit Skalierung und Offset, der Standard)</translation>
    </message>
    <message>
        <source>Harmonic fill (smooth, from the surroundings)</source>
        <translation>Harmonische Füllung (glatt, aus der Umgebung)</translation>
    </message>
    <message>
        <source>Each hidden pixel the mean of its neighbours: the smoothest surface that meets the cloud&apos;s edge. The best of the classical one-date methods on real clouds.</source>
        <translation>Jedes verdeckte Pixel ist der Mittelwert seiner Nachbarn: die glatteste Fläche, die an den Wolkenrand anschließt. Auf echten Wolken die beste der klassischen Methoden mit einem Datum.</translation>
    </message>
    <message>
        <source>No other date shows the ground under the hidden pixels (no data or hidden there too): all were filled from their surroundings.</source>
        <translation>Kein anderes Datum zeigt den Boden unter den verdeckten Pixeln (dort keine Daten oder ebenfalls verdeckt): Alle wurden aus ihrer Umgebung gefüllt.</translation>
    </message>
    <message>
        <source>reference mask</source>
        <translation>Referenzmaske</translation>
    </message>
    <message>
        <source>%L1 values lie outside what 16-bit numbers with the product&apos;s offset can hold (negative reflectance, say) and were stored clamped: tick float32 reflectance to keep them.</source>
        <translation>%L1 Werte liegen außerhalb dessen, was 16-Bit-Zahlen mit dem Offset des Produkts fassen können (etwa negative Reflektanz), und wurden begrenzt gespeichert: „Reflektanz als float32“ ankreuzen, um sie zu behalten.</translation>
    </message>
    <message>
        <source>The output %1 is a folder: give a file name.</source>
        <translation>Die Ausgabe %1 ist ein Ordner: geben Sie einen Dateinamen an.</translation>
    </message>
    <message>
        <source>Choose where to write the result.</source>
        <translation>Wählen Sie, wohin das Ergebnis geschrieben wird.</translation>
    </message>
    <message>
        <source>The folder %1 does not take files (read-only, or not yours): choose another output.</source>
        <translation>Der Ordner %1 nimmt keine Dateien an (schreibgeschützt oder nicht Ihrer): wählen Sie eine andere Ausgabe.</translation>
    </message>
    <message>
        <source>%1 (after − before)</source>
        <translation>%1 (nachher − vorher)</translation>
    </message>
    <message>
        <source>%1 exists and is not a GeoTIFF: it is left as it is. Choose another name.</source>
        <translation>%1 existiert und ist kein GeoTIFF: Die Datei bleibt unverändert. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Replace the Result</source>
        <translation>Ergebnis ersetzen</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it with this reconstruction?</source>
        <translation>%1 existiert bereits. Durch diese Rekonstruktion ersetzen?</translation>
    </message>
    <message>
        <source>%1: %2 %%3</source>
        <translation>%1: %2 %%3</translation>
    </message>
    <message>
        <source>%L1 pixels the mask hides have no data in any band (past the swath edge, or blanked before): left as no data.</source>
        <translation>%L1 Pixel, die die Maske verdeckt, haben in keinem Band Daten (jenseits des Aufnahmestreifens oder zuvor ausgeblendet): als keine Daten belassen.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::ReferenceCombo</name>
    <message numerus="yes">
        <source>All %n other date(s)</source>
        <translation>
            <numerusform>Das andere Aufnahmedatum</numerusform>
            <numerusform>Alle %n anderen Aufnahmedaten</numerusform>
        </translation>
    </message>
    <message>
        <source>Another date of the tile from a file, not open as a layer: a SAFE&apos;s MTD_MSIL*.xml, a .zip, a STAC item or a GeoTIFF</source>
        <translation>Ein anderes Datum der Kachel aus einer Datei, nicht als Ebene geöffnet: die MTD_MSIL*.xml eines SAFE, eine .zip, ein STAC-Item oder ein GeoTIFF</translation>
    </message>
    <message>
        <source>Other Date</source>
        <translation>Anderes Datum</translation>
    </message>
    <message>
        <source>Every other open date of this tile: per pixel the nearest three that show the ground, weighted by how well each fits the product</source>
        <translation>Alle anderen geöffneten Aufnahmedaten dieser Kachel: je Pixel die drei nächsten Daten, die den Boden zeigen, gewichtet nach ihrer Übereinstimmung mit dem Produkt</translation>
    </message>
    <message>
        <source>%1 has no scene classification: all of it was taken as clear ground, its clouds included (open its SCL or mask file on its layer).</source>
        <translation>%1 hat keine Szenenklassifikation: alles daran wurde als freier Boden genommen, seine Wolken eingeschlossen (öffnen Sie seine SCL- oder Maskendatei auf seiner Ebene).</translation>
    </message>
    <message>
        <source>%1 (covers %2 %)</source>
        <translation>%1 (deckt %2 % ab)</translation>
    </message>
    <message>
        <source>This date covers %1 % of the product (another window of its grid): the rest is filled from the surroundings.</source>
        <translation>Dieses Datum deckt %1 % des Produkts ab (ein anderer Ausschnitt seines Rasters): der Rest wird aus der Umgebung gefüllt.</translation>
    </message>
    <message>
        <source>%1 (resampled)</source>
        <translation>%1 (neu abgetastet)</translation>
    </message>
    <message>
        <source>%1 (resampled, covers %2 %)</source>
        <translation>%1 (neu abgetastet, deckt %2 % ab)</translation>
    </message>
    <message>
        <source>This date lies on another CRS or pixel grid: it is resampled onto the product&apos;s pixels (bilinear; its classes nearest).</source>
        <translation>Dieses Datum liegt in einem anderen KBS oder Pixelraster: Es wird auf die Pixel des Produkts neu abgetastet (bilinear; seine Klassen nächster Nachbar).</translation>
    </message>
    <message>
        <source>It covers %1 % of the product: the rest is filled from the surroundings.</source>
        <translation>Es deckt %1 % des Produkts ab: Der Rest wird aus der Umgebung gefüllt.</translation>
    </message>
    <message>
        <source>Sentinel-2 products (MTD_MSIL*.xml MTD_TL.xml *.zip *.json *.tif *.tiff);;All files (*)</source>
        <translation>Sentinel-2-Produkte (MTD_MSIL*.xml MTD_TL.xml *.zip *.json *.tif *.tiff);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::SclPanel</name>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>Show overlay</source>
        <translation>Überlagerung zeigen</translation>
    </message>
    <message>
        <source>Outline only</source>
        <translation>Nur Umriss</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Deckkraft</translation>
    </message>
    <message>
        <source>Mask buffer</source>
        <translation>Maskenpuffer</translation>
    </message>
    <message>
        <source>No scene classification (open a mask file)</source>
        <translation>Keine Szenenklassifikation (Maskendatei öffnen)</translation>
    </message>
    <message>
        <source>Hidden (selected, with buffer)</source>
        <translation>Verdeckt (gewählte Klassen, mit Puffer)</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>wird gezählt…</translation>
    </message>
    <message>
        <source>Colour the ticked classes over the map</source>
        <translation>Die angehakten Klassen farbig über der Karte zeigen</translation>
    </message>
    <message>
        <source>Draw only the edges of the hidden areas, so the ground stays visible</source>
        <translation>Nur die Ränder der verdeckten Bereiche zeichnen, damit der Boden sichtbar bleibt</translation>
    </message>
    <message>
        <source>Opacity of the class colours over the map</source>
        <translation>Deckkraft der Klassenfarben über der Karte</translation>
    </message>
    <message>
        <source>Widen every hidden area by this many pixels: cloud edges and thin haze around them count as hidden too</source>
        <translation>Jeden verdeckten Bereich um so viele Pixel erweitern: Wolkenränder und dünner Dunst darum gelten ebenfalls als verdeckt</translation>
    </message>
    <message>
        <source>No product open</source>
        <translation>Kein Produkt geöffnet</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::SearchPanel</name>
    <message>
        <source>Earth Search (Element 84, COGs, no login)</source>
        <translation>Earth Search (Element 84, COGs, ohne Anmeldung)</translation>
    </message>
    <message>
        <source>Copernicus Data Space (SAFE, login to download)</source>
        <translation>Copernicus Data Space (SAFE, Anmeldung zum Herunterladen)</translation>
    </message>
    <message>
        <source>Other STAC API…</source>
        <translation>Andere STAC-API…</translation>
    </message>
    <message>
        <source>https://…/v1 (a STAC API root)</source>
        <translation>https://…/v1 (Wurzel einer STAC-API)</translation>
    </message>
    <message>
        <source>west,south,east,north in degrees</source>
        <translation>West,Süd,Ost,Nord in Grad</translation>
    </message>
    <message>
        <source>From Map</source>
        <translation>Aus der Karte</translation>
    </message>
    <message>
        <source>The map&apos;s AOI rectangle (Shift+drag), or the whole product without one</source>
        <translation>Das Untersuchungsgebiet der Karte (Umschalt+Ziehen), ohne eines das ganze Produkt</translation>
    </message>
    <message>
        <source>any (e.g. 33UUU)</source>
        <translation>beliebig (z. B. 33UUU)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Log In…</source>
        <translation>Anmelden…</translation>
    </message>
    <message>
        <source>The catalogue&apos;s user and password, kept in the system keychain (never in a file)</source>
        <translation>Benutzer und Passwort des Katalogs, im Schlüsselbund des Systems gespeichert (nie in einer Datei)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Tile</source>
        <translation>Kachel</translation>
    </message>
    <message>
        <source>Cloud %</source>
        <translation>Wolken %</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Bands to download, e.g. B02,B03,B04,B08,SCL; empty: every band</source>
        <translation>Herunterzuladende Bänder, z. B. B02,B03,B04,B08,SCL; leer: alle Bänder</translation>
    </message>
    <message>
        <source>Only the AOI (COG windows)</source>
        <translation>Nur das Untersuchungsgebiet (COG-Fenster)</translation>
    </message>
    <message>
        <source>Reads only the blocks of each COG that cover the box above</source>
        <translation>Liest nur die Blöcke jedes COG, die das Gebiet oben abdecken</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose the download folder</source>
        <translation>Download-Ordner wählen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Open the item in place: remote bands are read window by window</source>
        <translation>Element direkt öffnen: entfernte Bänder werden fensterweise gelesen</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Fetch the bands into the folder (resumes an interrupted download), then open</source>
        <translation>Bänder in den Ordner laden (setzt einen unterbrochenen Download fort), dann öffnen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>Sammlung</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Gebiet</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Max. cloud</source>
        <translation>Max. Wolken</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>Höchstens</translation>
    </message>
    <message>
        <source>Bands</source>
        <translation>Bänder</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <source>Download Folder</source>
        <translation>Download-Ordner</translation>
    </message>
    <message>
        <source>Login kept in the system keychain</source>
        <translation>Anmeldung im Schlüsselbund des Systems gespeichert</translation>
    </message>
    <message>
        <source>Cannot keep the login: %1</source>
        <translation>Anmeldung kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>%1 needs a login: Log In… first (%2)</source>
        <translation>%1 verlangt eine Anmeldung: zuerst Anmelden… (%2)</translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation>Keine Vorschau: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Give the address of a STAC API (http:// or https://)</source>
        <translation>Adresse einer STAC-API angeben (http:// oder https://)</translation>
    </message>
    <message>
        <source>Give the collection to search</source>
        <translation>Zu durchsuchende Sammlung angeben</translation>
    </message>
    <message>
        <source>The area must be west,south,east,north in degrees (west &lt; east, south &lt; north)</source>
        <translation>Das Gebiet muss West,Süd,Ost,Nord in Grad sein (West &lt; Ost, Süd &lt; Nord)</translation>
    </message>
    <message>
        <source>The first date is after the last</source>
        <translation>Das erste Datum liegt nach dem letzten</translation>
    </message>
    <message>
        <source>The tile must be an MGRS tile such as 33UUU</source>
        <translation>Die Kachel muss eine MGRS-Kachel wie 33UUU sein</translation>
    </message>
    <message>
        <source>Open a product first, or type the area</source>
        <translation>Zuerst ein Produkt öffnen oder das Gebiet eintippen</translation>
    </message>
    <message>
        <source>The product has no coordinate system: type the area</source>
        <translation>Das Produkt hat kein Koordinatensystem: Gebiet eintippen</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source> (%1 matched)</source>
        <translation> (%1 gefunden)</translation>
    </message>
    <message>
        <source>; more available: raise the limit</source>
        <translation>; weitere vorhanden: Grenze erhöhen</translation>
    </message>
    <message>
        <source>Bands: %1</source>
        <translation>Bänder: %1</translation>
    </message>
    <message>
        <source>Loading the preview…</source>
        <translation>Vorschau wird geladen…</translation>
    </message>
    <message>
        <source>No preview (not an image)</source>
        <translation>Keine Vorschau (kein Bild)</translation>
    </message>
    <message>
        <source>Reading the login from the system keychain…</source>
        <translation>Anmeldung wird aus dem Schlüsselbund gelesen…</translation>
    </message>
    <message>
        <source>Only the AOI: give the area first (typed, or From Map)</source>
        <translation>Nur das Untersuchungsgebiet: zuerst das Gebiet angeben (eingetippt oder Aus der Karte)</translation>
    </message>
    <message>
        <source>Downloaded to %1</source>
        <translation>Heruntergeladen nach %1</translation>
    </message>
    <message>
        <source>Log In to %1</source>
        <translation>Bei %1 anmelden</translation>
    </message>
    <message>
        <source>Kept in the system keychain, never in a file. A token is fetched for each download.</source>
        <translation>Im Schlüsselbund des Systems gespeichert, nie in einer Datei. Für jeden Download wird ein Token geholt.</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>The STAC catalogue searched</source>
        <translation>Der durchsuchte STAC-Katalog</translation>
    </message>
    <message>
        <source>The root address of another STAC API</source>
        <translation>Die Stammadresse einer anderen STAC-API</translation>
    </message>
    <message>
        <source>The catalogue&apos;s collection of Sentinel-2 products (filled in for the known catalogues)</source>
        <translation>Die Sammlung der Sentinel-2-Produkte im Katalog (für die bekannten Kataloge vorausgefüllt)</translation>
    </message>
    <message>
        <source>The area searched: west,south,east,north in degrees (WGS 84)</source>
        <translation>Das gesuchte Gebiet: west,süd,ost,nord in Grad (WGS 84)</translation>
    </message>
    <message>
        <source>First sensing date searched</source>
        <translation>Erstes gesuchtes Aufnahmedatum</translation>
    </message>
    <message>
        <source>Last sensing date searched</source>
        <translation>Letztes gesuchtes Aufnahmedatum</translation>
    </message>
    <message>
        <source>Only items whose metadata give at most this cloud cover</source>
        <translation>Nur Einträge, deren Metadaten höchstens diese Wolkenbedeckung angeben</translation>
    </message>
    <message>
        <source>Only this MGRS tile (e.g. 33UUU); empty: every tile over the area</source>
        <translation>Nur diese MGRS-Kachel (z. B. 33UUU); leer: jede Kachel über dem Gebiet</translation>
    </message>
    <message>
        <source>At most this many items are listed</source>
        <translation>Höchstens so viele Einträge werden aufgelistet</translation>
    </message>
    <message>
        <source>Ask the catalogue; the results and their footprints appear below and on the map</source>
        <translation>Den Katalog abfragen; die Treffer und ihre Umrisse erscheinen unten und auf der Karte</translation>
    </message>
    <message>
        <source>Where downloads go; empty: the user cache folder</source>
        <translation>Wohin Downloads gehen; leer: der Cache-Ordner des Benutzers</translation>
    </message>
    <message>
        <source>Stop the search or the download (a download resumes later)</source>
        <translation>Suche oder Download abbrechen (ein Download wird später fortgesetzt)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message numerus="yes">
        <source>; %n unusable left out</source>
        <translation>
            <numerusform>; %n unbrauchbarer ausgelassen</numerusform>
            <numerusform>; %n unbrauchbare ausgelassen</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::ShortcutsDialog</name>
    <message>
        <source>Toolbar</source>
        <translation>Werkzeugleiste</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>On the map: drag to pan, the wheel zooms, Shift+drag draws an area of interest, Esc clears it. In the before / after view, B or Space blinks and Shift+arrows move the divider. In the Layers dock, Delete closes the selected layer.</source>
        <translation>Auf der Karte: Ziehen verschiebt, das Mausrad zoomt, Umschalt+Ziehen zeichnet ein Interessengebiet, Esc entfernt es. In der Vorher-/Nachher-Ansicht wechselt B oder Leertaste, Umschalt+Pfeiltasten verschieben die Trennlinie. Im Ebenen-Dock schließt Entf die ausgewählte Ebene.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::SwipeView</name>
    <message>
        <source>Drag the divider to compare; B or Space blinks between before and after</source>
        <translation>Ziehen Sie die Trennlinie zum Vergleichen; B oder Leertaste wechselt zwischen vorher und nachher</translation>
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
        <translation>CNN-Encoder–Decoder</translation>
    </message>
    <message>
        <source>90° rotations</source>
        <translation>90°-Drehungen</translation>
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
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Checkpoints (*.pth)</source>
        <translation>Checkpoints (*.pth)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Patch (px)</source>
        <translation>Patch (px)</translation>
    </message>
    <message>
        <source>Width / depth</source>
        <translation>Breite / Tiefe</translation>
    </message>
    <message>
        <source>Max patches</source>
        <translation>Max. Patches</translation>
    </message>
    <message>
        <source>Augment</source>
        <translation>Augmentierung</translation>
    </message>
    <message>
        <source>Reference date</source>
        <translation>Referenzdatum</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Open a product with an SCL, then Start.</source>
        <translation>Öffnen Sie ein Produkt mit SCL und klicken Sie dann auf Starten.</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Log. Skala</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Masked MSE (normalised)</source>
        <translation>Maskierter MSE (normiert)</translation>
    </message>
    <message>
        <source>Validation PSNR (dB)</source>
        <translation>Validierungs-PSNR (dB)</translation>
    </message>
    <message>
        <source>train (batch)</source>
        <translation>Training (Batch)</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation>Training (Epoche)</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>val PSNR</source>
        <translation>Val.-PSNR</translation>
    </message>
    <message>
        <source>input (hidden outlined)</source>
        <translation>Eingabe (Verdecktes umrandet)</translation>
    </message>
    <message>
        <source>reconstruction</source>
        <translation>Rekonstruktion</translation>
    </message>
    <message>
        <source>truth</source>
        <translation>Ground Truth</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Ready to train on %1.</source>
        <translation>Bereit zum Training auf %1.</translation>
    </message>
    <message>
        <source>Open a product first.</source>
        <translation>Öffnen Sie zuerst ein Produkt.</translation>
    </message>
    <message>
        <source>Choose where to write the checkpoint.</source>
        <translation>Wählen Sie, wohin der Checkpoint geschrieben wird.</translation>
    </message>
    <message>
        <source>Collecting clear patches and cloud shapes…</source>
        <translation>Klare Patches und Wolkenformen werden gesammelt…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>Stoppt nach dem aktuellen Batch…</translation>
    </message>
    <message>
        <source>Training will use patches inside the AOI (%1 x %2 px).</source>
        <translation>Das Training verwendet Patches innerhalb des AOI (%1 x %2 px).</translation>
    </message>
    <message>
        <source>Recommended (warm-up, decay, early stop)</source>
        <translation>Empfohlen (Warm-up, Abklingen, früher Abbruch)</translation>
    </message>
    <message>
        <source>Reference design (the epochs, batch and rate below)</source>
        <translation>Referenzdesign (Epochen, Batch und Rate unten)</translation>
    </message>
    <message>
        <source>Recommended: Adam 1e-3 with warm-up and cosine decay over 600 steps, stopping when validation stops improving. Reference design: Adam at a constant rate for a number of epochs.</source>
        <translation>Empfohlen: Adam 1e-3 mit Warm-up und Kosinus-Abklingen über 600 Schritte; stoppt, wenn sich die Validierung nicht mehr verbessert. Referenzdesign: Adam mit konstanter Rate über eine feste Zahl von Epochen.</translation>
    </message>
    <message>
        <source>Scratch</source>
        <translation>Von Grund auf</translation>
    </message>
    <message>
        <source>General model (fine-tune)</source>
        <translation>Allgemeines Modell (Feinabstimmung)</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Ausgangspunkt</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <source>Epoch %1 / %2, batch %3 / %4, loss %L5, ETA %L6 s</source>
        <translation>Epoche %1 / %2, Batch %3 / %4, Verlust %L5, noch %L6 s</translation>
    </message>
    <message>
        <source>Epoch %1: validation loss %L2, PSNR %L3 dB, %L4 patches/s</source>
        <translation>Epoche %1: Validierungsverlust %L2, PSNR %L3 dB, %L4 Patches/s</translation>
    </message>
    <message>
        <source>U-Net: skip connections keep fine detail (better, slower). CNN: a plain encoder–decoder (faster, blurrier).</source>
        <translation>U-Net: Skip-Verbindungen erhalten feine Details (besser, langsamer). CNN: ein einfacher Encoder–Decoder (schneller, unschärfer).</translation>
    </message>
    <message>
        <source>Passes over the training crops (reference design only)</source>
        <translation>Durchläufe über die Trainingsausschnitte (nur Referenzdesign)</translation>
    </message>
    <message>
        <source>Crops per optimizer step (reference design only)</source>
        <translation>Ausschnitte je Optimierungsschritt (nur Referenzdesign)</translation>
    </message>
    <message>
        <source>Adam&apos;s learning rate (reference design only)</source>
        <translation>Lernrate von Adam (nur Referenzdesign)</translation>
    </message>
    <message>
        <source>Side of the training crops in pixels; shrunk to fit small scenes and AOIs</source>
        <translation>Seitenlänge der Trainingsausschnitte in Pixeln; für kleine Szenen und AOIs verkleinert</translation>
    </message>
    <message>
        <source>Channels of the first layer: wider learns more, slower</source>
        <translation>Kanäle der ersten Schicht: breiter lernt mehr, ist aber langsamer</translation>
    </message>
    <message>
        <source>Levels of the encoder: deeper sees more context, needs larger crops</source>
        <translation>Stufen des Encoders: tiefer sieht mehr Kontext, braucht größere Ausschnitte</translation>
    </message>
    <message>
        <source>Random seed of the crops, cloud shapes and weights: the same seed repeats a run</source>
        <translation>Zufallsstartwert für Ausschnitte, Wolkenformen und Gewichte: derselbe Wert wiederholt einen Lauf</translation>
    </message>
    <message>
        <source>At most this many training crops are drawn from the product</source>
        <translation>Höchstens so viele Trainingsausschnitte werden aus dem Produkt gezogen</translation>
    </message>
    <message>
        <source>Also rotate the crops by 90° (besides flips): more variety, for scenes without a preferred direction</source>
        <translation>Die Ausschnitte auch um 90° drehen (neben Spiegelungen): mehr Vielfalt, für Szenen ohne Vorzugsrichtung</translation>
    </message>
    <message>
        <source>Where the network trains: the CPU, or an NVIDIA GPU when LibTorch finds one</source>
        <translation>Wo das Netz trainiert: auf der CPU oder einer NVIDIA-GPU, wenn LibTorch eine findet</translation>
    </message>
    <message>
        <source>The checkpoint written (the best epoch; the last one beside it as .last.pth)</source>
        <translation>Der geschriebene Checkpoint (die beste Epoche; die letzte daneben als .last.pth)</translation>
    </message>
    <message>
        <source>Choose where the checkpoint is saved</source>
        <translation>Wählen, wo der Checkpoint gespeichert wird</translation>
    </message>
    <message>
        <source>Train on the current product&apos;s clear areas, hidden behind its own cloud shapes</source>
        <translation>Auf den klaren Bereichen des aktuellen Produkts trainieren, verdeckt hinter seinen eigenen Wolkenformen</translation>
    </message>
    <message>
        <source>Pause after the current batch; press again to resume</source>
        <translation>Nach dem aktuellen Batch pausieren; erneut drücken zum Fortsetzen</translation>
    </message>
    <message>
        <source>Stop after the current batch; the best checkpoint so far is kept</source>
        <translation>Nach dem aktuellen Batch stoppen; der bisher beste Checkpoint bleibt erhalten</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis</source>
        <translation>Den Verlust auf einer logarithmischen Achse zeigen</translation>
    </message>
    <message>
        <source>Other dates of the same tile: the network starts from their temporal fill</source>
        <translation>Andere Aufnahmedaten derselben Kachel: Das Netz beginnt mit ihrer zeitlichen Füllung</translation>
    </message>
    <message>
        <source>clouds on other dates</source>
        <translation>Wolken auf anderen Daten</translation>
    </message>
    <message>
        <source>With a reference date, from scratch: half of the training crops get clouds on their other dates too, so the network also learns the pixels no date shows (as the general model did). Without it, reconstruction keeps temporal fill&apos;s inpainting there. A fine-tune keeps the general model&apos;s setting.</source>
        <translation>Mit einem Referenzdatum, von Grund auf: die Hälfte der Trainingsausschnitte bekommt auch auf ihren anderen Daten Wolken, so lernt das Netz auch die Pixel, die kein Datum zeigt (wie das allgemeine Modell). Ohne dies behält die Rekonstruktion dort das Inpainting der zeitlichen Füllung. Ein Feintuning übernimmt die Einstellung des allgemeinen Modells.</translation>
    </message>
    <message>
        <source>%1 exists and is not a checkpoint: it is left as it is. Choose another name.</source>
        <translation>%1 existiert und ist kein Checkpoint: die Datei bleibt unverändert. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Replace the Checkpoint</source>
        <translation>Checkpoint ersetzen</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it with this run&apos;s checkpoint?</source>
        <translation>%1 existiert bereits. Durch den Checkpoint dieses Laufs ersetzen?</translation>
    </message>
    <message>
        <source>Fine-tuning the shipped general model needs only a few minutes; its network, crop size and inputs are kept. Its validation sees the product&apos;s clear ground under small holes, not its clouds: on real cities behind large clouds the one-date fine-tune rebuilt them worse than the general model as it ships.</source>
        <translation>Die Feinabstimmung des mitgelieferten allgemeinen Modells dauert nur wenige Minuten; Netz, Ausschnittgröße und Eingaben bleiben erhalten. Seine Validierung sieht den klaren Boden des Produkts unter kleinen Lücken, nicht seine Wolken: Auf echten Städten unter großen Wolken rekonstruierte das Feintuning für ein Aufnahmedatum sie schlechter als das ausgelieferte allgemeine Modell.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::TrainWorker</name>
    <message>
        <source>Stopped. </source>
        <translation>Gestoppt. </translation>
    </message>
    <message>
        <source>Done. </source>
        <translation>Fertig. </translation>
    </message>
    <message>
        <source>Best checkpoint: %1</source>
        <translation>Bester Checkpoint: %1</translation>
    </message>
    <message>
        <source>Stopped before training began.</source>
        <translation>Vor Beginn des Trainings gestoppt.</translation>
    </message>
    <message>
        <source>Stopped before the first validation: no checkpoint was written.</source>
        <translation>Vor der ersten Validierung angehalten: kein Checkpoint geschrieben.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::UserGuideDialog</name>
    <message>
        <source>Unclouded User Guide</source>
        <translation>Unclouded-Benutzerhandbuch</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::WelcomePage</name>
    <message>
        <source>&lt;h2&gt;Unclouded&lt;/h2&gt;&lt;p&gt;Rebuild the ground hidden under clouds in Sentinel-2 imagery.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Unclouded&lt;/h2&gt;&lt;p&gt;Den unter Wolken verborgenen Boden in Sentinel-2-Bildern rekonstruieren.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open Product…</source>
        <translation>Produkt öffnen…</translation>
    </message>
    <message>
        <source>A SAFE product (folder, .zip or MTD_MSIL*.xml) or a GeoTIFF</source>
        <translation>Ein SAFE-Produkt (Ordner, .zip oder MTD_MSIL*.xml) oder ein GeoTIFF</translation>
    </message>
    <message>
        <source>Open SAFE Folder…</source>
        <translation>SAFE-Ordner öffnen…</translation>
    </message>
    <message>
        <source>Open the Demo</source>
        <translation>Demo öffnen</translation>
    </message>
    <message>
        <source>Run &apos;make run&apos; (or tools/make-demo.sh) once to generate the demo product</source>
        <translation>Führen Sie einmal &apos;make run&apos; (oder tools/make-demo.sh) aus, um das Demoprodukt zu erzeugen</translation>
    </message>
    <message>
        <source>… or drop a .SAFE folder, a .zip, a folder of band files, a STAC item, a GeoTIFF or a parcels file on this window.</source>
        <translation>… oder ziehen Sie einen .SAFE-Ordner, ein .zip, einen Ordner mit Banddateien, ein STAC-Item, ein GeoTIFF oder eine Parzellendatei auf dieses Fenster.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent products&lt;/b&gt;</source>
        <translation>&lt;b&gt;Zuletzt geöffnete Produkte&lt;/b&gt;</translation>
    </message>
    <message>
        <source>None yet: the products you open appear here.</source>
        <translation>Noch keine: Die geöffneten Produkte erscheinen hier.</translation>
    </message>
    <message>
        <source>A .SAFE folder, or a folder of one GeoTIFF / COG / JP2 per band with its SCL</source>
        <translation>Ein .SAFE-Ordner oder ein Ordner mit einer GeoTIFF- / COG- / JP2-Datei je Band und der SCL</translation>
    </message>
</context>
</TS>
