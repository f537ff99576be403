<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>QObject</name>
    <message>
        <source>True colour (B04, B03, B02)</source>
        <translation>Couleurs naturelles (B04, B03, B02)</translation>
    </message>
    <message>
        <source>False colour NIR (B08, B04, B03)</source>
        <translation>Fausses couleurs PIR (B08, B04, B03)</translation>
    </message>
    <message>
        <source>Agriculture (B11, B08, B02)</source>
        <translation>Agriculture (B11, B08, B02)</translation>
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
        <translation>RVB personnalisé</translation>
    </message>
    <message>
        <source>Cannot draw the difference: band %1 is missing</source>
        <translation>Impossible d&apos;afficher la différence : la bande %1 manque</translation>
    </message>
</context>
<context>
    <name>SclClass</name>
    <message>
        <source>No data</source>
        <translation>Pas de données</translation>
    </message>
    <message>
        <source>Saturated or defective</source>
        <translation>Saturé ou défectueux</translation>
    </message>
    <message>
        <source>Dark area pixels</source>
        <translation>Pixels de zones sombres</translation>
    </message>
    <message>
        <source>Cloud shadows</source>
        <translation>Ombres de nuages</translation>
    </message>
    <message>
        <source>Vegetation</source>
        <translation>Végétation</translation>
    </message>
    <message>
        <source>Not vegetated</source>
        <translation>Non végétalisé</translation>
    </message>
    <message>
        <source>Water</source>
        <translation>Eau</translation>
    </message>
    <message>
        <source>Unclassified</source>
        <translation>Non classé</translation>
    </message>
    <message>
        <source>Cloud medium probability</source>
        <translation>Nuages (probabilité moyenne)</translation>
    </message>
    <message>
        <source>Cloud high probability</source>
        <translation>Nuages (probabilité élevée)</translation>
    </message>
    <message>
        <source>Thin cirrus</source>
        <translation>Cirrus fins</translation>
    </message>
    <message>
        <source>Snow or ice</source>
        <translation>Neige ou glace</translation>
    </message>
    <message>
        <source>Mask: clear</source>
        <translation>Masque : dégagé</translation>
    </message>
    <message>
        <source>Mask: hidden</source>
        <translation>Masque : caché</translation>
    </message>
    <message>
        <source>Class %1</source>
        <translation>Classe %1</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>Hectares (ha)</source>
        <translation>Hectares (ha)</translation>
    </message>
    <message>
        <source>Acres (ac)</source>
        <translation>Acres (ac)</translation>
    </message>
    <message>
        <source>Square kilometres (km²)</source>
        <translation>Kilomètres carrés (km²)</translation>
    </message>
    <message>
        <source>Square metres (m²)</source>
        <translation>Mètres carrés (m²)</translation>
    </message>
    <message>
        <source>Reflectance (0–1)</source>
        <translation>Réflectance (0–1)</translation>
    </message>
    <message>
        <source>Scaled reflectance (× 10 000)</source>
        <translation>Réflectance mise à l&apos;échelle (× 10 000)</translation>
    </message>
    <message>
        <source>nodata</source>
        <translation>nodata</translation>
    </message>
    <message>
        <source>Reflectance × 10 000</source>
        <translation>Réflectance × 10 000</translation>
    </message>
    <message>
        <source>Reflectance</source>
        <translation>Réflectance</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::AboutDialog</name>
    <message>
        <source>About Unclouded</source>
        <translation>À propos d&apos;Unclouded</translation>
    </message>
    <message>
        <source>&lt;p&gt;Contains modified Copernicus Sentinel data.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Contient des données Copernicus Sentinel modifiées.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;h2&gt;Unclouded %1&lt;/h2&gt;&lt;p&gt;Reconstructs the ground hidden under clouds in Sentinel-2 imagery.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;GDAL %3&lt;br&gt;LibTorch %4 (%n thread(s))&lt;br&gt;OpenCV %5&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;h2&gt;Unclouded %1&lt;/h2&gt;&lt;p&gt;Reconstruit le sol caché sous les nuages dans les images Sentinel-2.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;GDAL %3&lt;br&gt;LibTorch %4 (%n thread)&lt;br&gt;OpenCV %5&lt;/p&gt;</numerusform>
            <numerusform>&lt;h2&gt;Unclouded %1&lt;/h2&gt;&lt;p&gt;Reconstruit le sol caché sous les nuages dans les images Sentinel-2.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;GDAL %3&lt;br&gt;LibTorch %4 (%n threads)&lt;br&gt;OpenCV %5&lt;/p&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>unclouded::ui::AdvancedOptions</name>
    <message>
        <source>Automatic</source>
        <translation>Automatique</translation>
    </message>
    <message>
        <source>Each band from all bands (cross-band)</source>
        <translation>Chaque bande à partir de toutes les bandes (inter-bandes)</translation>
    </message>
    <message>
        <source>A line per band and window</source>
        <translation>Une droite par bande et par fenêtre</translation>
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
        <translation>L&apos;arithmétique des réseaux. bfloat16 est environ 1,6 fois plus rapide sur les processeurs qui le calculent nativement, sans perte mesurée ; ailleurs il est émulé et plus lent. Automatique ne l&apos;utilise que là où il est natif</translation>
    </message>
    <message>
        <source>Near their native resolution</source>
        <translation>Près de leur résolution native</translation>
    </message>
    <message>
        <source>All on the 10 m grid</source>
        <translation>Toutes sur la grille de 10 m</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avancé</translation>
    </message>
    <message>
        <source>Reference mapping</source>
        <translation>Ajustement de la référence</translation>
    </message>
    <message>
        <source>Arithmetic</source>
        <translation>Arithmétique</translation>
    </message>
    <message>
        <source>At 20 m or coarser</source>
        <translation>À 20 m ou plus grossière</translation>
    </message>
    <message>
        <source>General model: at which resolution the bands&apos; corrections are computed. Native (the 20 m and 60 m bands at theirs) is about 2x less work on 12 bands, 20 m or coarser (the 10 m bands too) about 4x. Automatic: 20 m or coarser with one date, the 10 m grid when it starts from a reference date</source>
        <translation>Modèle général : à quelle résolution les corrections des bandes sont calculées. Native (les bandes à 20 m et 60 m à la leur) représente environ moitié moins de travail sur 12 bandes ; 20 m ou plus grossière (les bandes à 10 m aussi), environ quatre fois moins. Automatique : 20 m ou plus grossière avec une seule date, la grille de 10 m lorsqu&apos;il part d&apos;une date de référence</translation>
    </message>
    <message>
        <source>Band resolution</source>
        <translation>Résolution des bandes</translation>
    </message>
    <message>
        <source>Cross-band, from the pixel alone</source>
        <translation>Inter-bandes, à partir du seul pixel</translation>
    </message>
    <message>
        <source>How the reference date is mapped onto this product before it fills hidden pixels. Cross-band also corrects the map from the reference&apos;s 3 x 3 neighbourhood where held-out pixels show that helps (the dates&apos; sub-pixel misregistration). Automatic: cross-band for temporal fill; for a network, what it was trained on (another mapping gives it a start it never learned from)</source>
        <translation>Comment la date de référence est ajustée à ce produit avant de remplir les pixels masqués. Inter-bandes corrige aussi l&apos;ajustement à partir du voisinage 3 x 3 de la référence là où des pixels réservés montrent que cela aide (le décalage sous-pixel entre les dates). Automatique : inter-bandes pour le remplissage temporel ; pour un réseau, ce sur quoi il a été entraîné (un autre ajustement lui donne un point de départ sur lequel il n&apos;a jamais appris)</translation>
    </message>
    <message>
        <source>Solved with the cloud</source>
        <translation>Résolues avec le nuage</translation>
    </message>
    <message>
        <source>Kept as seen</source>
        <translation>Gardées telles quelles</translation>
    </message>
    <message>
        <source>The scene classification often leaves a cloud&apos;s hazy fringe and bright specks inside it marked clear. A harmonic fill (Harmonic fill, the General model with one date) that keeps them spreads their brightness into the cloud as bright discs. Solved: hazy pixels reached from a cloud, up to 1 km, are filled with it, and still written as they were. Automatic: solved</source>
        <translation>La classification de la scène laisse souvent la frange brumeuse d&apos;un nuage et des taches brillantes en son sein marquées comme dégagées. Un remplissage harmonique (Remplissage harmonique, le modèle général avec une date) qui les garde répand leur éclat dans le nuage en disques brillants. Résolues : les pixels brumeux atteints depuis un nuage, jusqu&apos;à 1 km, sont remplis avec lui, et écrits tout de même tels qu&apos;ils étaient. Automatique : résolues</translation>
    </message>
    <message>
        <source>How other dates are mapped, the networks&apos; arithmetic and the resolution of their corrections, hazy cloud fringes</source>
        <translation>Comment les autres dates sont ajustées, l&apos;arithmétique des réseaux et la résolution de leurs corrections, les franges brumeuses des nuages</translation>
    </message>
    <message>
        <source>Hazy cloud fringes</source>
        <translation>Franges brumeuses des nuages</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::Credentials</name>
    <message>
        <source>%1 (is a keychain service such as GNOME Keyring or KWallet running?)</source>
        <translation>%1 (un service de trousseau comme GNOME Keyring ou KWallet est-il lancé ?)</translation>
    </message>
    <message>
        <source>no login kept for it</source>
        <translation>aucune connexion gardée pour lui</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::DisplayPanel</name>
    <message>
        <source>2–98 % (clear pixels)</source>
        <translation>2–98 % (pixels dégagés)</translation>
    </message>
    <message>
        <source>Min / max</source>
        <translation>Min. / max.</translation>
    </message>
    <message>
        <source>Composite</source>
        <translation>Composition colorée</translation>
    </message>
    <message>
        <source>Stretch</source>
        <translation>Étirement</translation>
    </message>
    <message>
        <source>Gamma</source>
        <translation>Gamma</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuel</translation>
    </message>
    <message>
        <source>R, G, B</source>
        <translation>R, V, B</translation>
    </message>
    <message>
        <source>Min, max</source>
        <translation>Min., max.</translation>
    </message>
    <message>
        <source>Which bands the map shows as red, green and blue (or the NDVI ramp)</source>
        <translation>Quelles bandes la carte affiche en rouge, vert et bleu (ou la rampe NDVI)</translation>
    </message>
    <message>
        <source>How reflectance maps to brightness: the 2nd to 98th percentile of the clear pixels, the full range, or your own limits</source>
        <translation>Comment la réflectance devient luminosité : du 2e au 98e centile des pixels dégagés, toute la plage, ou vos propres limites</translation>
    </message>
    <message>
        <source>Brightness curve after the stretch: above 1 brightens the dark tones</source>
        <translation>Courbe de luminosité après l&apos;étirement : au-dessus de 1, les tons sombres s&apos;éclaircissent</translation>
    </message>
    <message>
        <source>Band shown in red</source>
        <translation>Bande affichée en rouge</translation>
    </message>
    <message>
        <source>Band shown in green</source>
        <translation>Bande affichée en vert</translation>
    </message>
    <message>
        <source>Band shown in blue</source>
        <translation>Bande affichée en bleu</translation>
    </message>
    <message>
        <source>Reflectance shown as black</source>
        <translation>Réflectance affichée en noir</translation>
    </message>
    <message>
        <source>Reflectance shown as white</source>
        <translation>Réflectance affichée en blanc</translation>
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
        <translation>Remplissage temporel (requiert une référence)</translation>
    </message>
    <message>
        <source>Add Checkpoint…</source>
        <translation>Ajouter un point de contrôle…</translation>
    </message>
    <message>
        <source>Choose a checkpoint</source>
        <translation>Choisir un point de contrôle</translation>
    </message>
    <message>
        <source>Checkpoints (*.pth)</source>
        <translation>Points de contrôle (*.pth)</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Évaluer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Scores each method on simulated clouds: the clear product is hidden behind the cloud shapes of the mask product and rebuilt; only the hidden pixels are scored.</source>
        <translation>Évalue chaque méthode sur des nuages simulés : le produit dégagé est masqué par les formes de nuages du produit de masque puis reconstruit ; seuls les pixels masqués sont évalués.</translation>
    </message>
    <message>
        <source>Export the scores</source>
        <translation>Exporter les scores</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Clear product</source>
        <translation>Produit dégagé</translation>
    </message>
    <message>
        <source>Cloud shapes from</source>
        <translation>Formes de nuages de</translation>
    </message>
    <message>
        <source>Reference date</source>
        <translation>Date de référence</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>Méthodes</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>Durée (s)</translation>
    </message>
    <message>
        <source>Choose a clear product and the product (or mask) to take cloud shapes from.</source>
        <translation>Choisissez un produit dégagé et le produit (ou le masque) dont proviennent les formes de nuages.</translation>
    </message>
    <message>
        <source>Tick at least one method.</source>
        <translation>Cochez au moins une méthode.</translation>
    </message>
    <message>
        <source>Temporal fill needs a reference date.</source>
        <translation>Le remplissage temporel requiert une date de référence.</translation>
    </message>
    <message numerus="yes">
        <source>Evaluating %n method(s)…</source>
        <translation>
            <numerusform>Évaluation de %n méthode…</numerusform>
            <numerusform>Évaluation de %n méthodes…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>%1 on hidden pixels</source>
        <translation>%1 sur les pixels masqués</translation>
    </message>
    <message>
        <source>%1 per band</source>
        <translation>%1 par bande</translation>
    </message>
    <message>
        <source>General model (pretrained)</source>
        <translation>Modèle général (pré-entraîné)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln hidden pixel(s) scored (%L1 % of the area).</source>
        <translation>
            <numerusform>%Ln pixel masqué évalué (%L1 % de la zone).</numerusform>
            <numerusform>%Ln pixels masqués évalués (%L1 % de la zone).</numerusform>
        </translation>
    </message>
    <message>
        <source>A clear product (or a truth GeoTIFF): its pixels are hidden, rebuilt and compared with what was there</source>
        <translation>Un produit dégagé (ou un GeoTIFF de vérité terrain) : ses pixels sont masqués, reconstruits et comparés à l&apos;original</translation>
    </message>
    <message>
        <source>The product whose clouds give the shapes hidden in the clear product</source>
        <translation>Le produit dont les nuages donnent les formes masquées dans le produit dégagé</translation>
    </message>
    <message>
        <source>Score a trained network (.pth) beside the other methods</source>
        <translation>Évaluer un réseau entraîné (.pth) à côté des autres méthodes</translation>
    </message>
    <message>
        <source>Hide the clear product behind the cloud masks, rebuild it with every ticked method and score the hidden pixels</source>
        <translation>Masquer le produit dégagé derrière les masques de nuages, le reconstruire avec chaque méthode cochée et évaluer les pixels masqués</translation>
    </message>
    <message>
        <source>Stop the evaluation</source>
        <translation>Arrêter l&apos;évaluation</translation>
    </message>
    <message>
        <source>The scores per method and band as a CSV file</source>
        <translation>Les scores par méthode et par bande dans un fichier CSV</translation>
    </message>
    <message>
        <source>The metric the charts show</source>
        <translation>La métrique que montrent les graphiques</translation>
    </message>
    <message>
        <source>Charts show</source>
        <translation>Graphiques</translation>
    </message>
    <message>
        <source>General model, one date (pretrained)</source>
        <translation>Modèle général, une date (pré-entraîné)</translation>
    </message>
    <message>
        <source>With a reference date, the model that corrects the temporal fill</source>
        <translation>Avec une date de référence, le modèle qui corrige le remplissage temporel</translation>
    </message>
    <message>
        <source>The one-date model even when a reference date is given: what the other date adds</source>
        <translation>Le modèle à une date même quand une date de référence est donnée : ce que l’autre date apporte</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <source>Other dates of the clear product&apos;s tile, for temporal fill and the networks that use them (optional)</source>
        <translation>Autres dates de la tuile du produit dégagé, pour le remplissage temporel et les réseaux qui s&apos;en servent (facultatif)</translation>
    </message>
    <message>
        <source>Harmonic fill</source>
        <translation>Remplissage harmonique</translation>
    </message>
    <message>
        <source>Each hidden pixel the mean of its neighbours: the smoothest surface that meets the cloud&apos;s edge</source>
        <translation>Chaque pixel caché vaut la moyenne de ses voisins : la surface la plus lisse qui rejoint le bord du nuage</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 écrit</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Ouverture de %1…</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Avertissement : %1</translation>
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
        <translation>MAE du NDVI</translation>
    </message>
    <message>
        <source>Only the area of interest</source>
        <translation>Seulement la zone d&apos;intérêt</translation>
    </message>
    <message>
        <source>Score only the rectangle drawn on the map (Draw AOI or Shift+drag): on a whole tile each method rebuilds all of it otherwise</source>
        <translation>N&apos;évaluer que le rectangle tracé sur la carte (Tracer la zone d&apos;intérêt ou Maj+glisser) : sinon chaque méthode reconstruit toute la tuile</translation>
    </message>
    <message>
        <source>The area of interest is drawn on the map&apos;s layer, and the clear product lies on another grid: untick “Only the area of interest”, or draw it over the clear product.</source>
        <translation>La zone d&apos;intérêt est tracée sur la couche de la carte, et le produit clair est sur une autre grille : décochez « Seulement la zone d&apos;intérêt » ou tracez-la sur le produit clair.</translation>
    </message>
    <message>
        <source>Only the area of interest, %1 x %2 px.</source>
        <translation>Seulement la zone d&apos;intérêt, %1 x %2 px.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::FieldsPanel</name>
    <message>
        <source>Field</source>
        <translation>Parcelle</translation>
    </message>
    <message>
        <source>Hidden %</source>
        <translation>Masqué %</translation>
    </message>
    <message>
        <source>Rebuilt %</source>
        <translation>Reconstruit %</translation>
    </message>
    <message>
        <source>%1 before</source>
        <translation>%1 avant</translation>
    </message>
    <message>
        <source>%1 after</source>
        <translation>%1 après</translation>
    </message>
    <message>
        <source>Pixels</source>
        <translation>Pixels</translation>
    </message>
    <message>
        <source>No parcels: open a field boundary file (GeoPackage, GeoJSON, Shapefile, FlatGeobuf, KML) or drop one on the window.</source>
        <translation>Aucune parcelle : ouvrez un fichier de limites de parcelles (GeoPackage, GeoJSON, Shapefile, FlatGeobuf, KML) ou déposez-en un sur la fenêtre.</translation>
    </message>
    <message>
        <source>Open Parcels…</source>
        <translation>Ouvrir des parcelles…</translation>
    </message>
    <message>
        <source>Field boundaries in any CRS; they are placed on the product&apos;s grid</source>
        <translation>Limites de parcelles dans n&apos;importe quel SCR ; elles sont placées sur la grille du produit</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Calculer</translation>
    </message>
    <message>
        <source>Statistics of every open layer (products and reconstructions) per field</source>
        <translation>Statistiques de chaque couche ouverte (produits et reconstructions) par parcelle</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Export GeoPackage…</source>
        <translation>Exporter en GeoPackage…</translation>
    </message>
    <message>
        <source>The parcels with the statistics as attributes: opens in QGIS</source>
        <translation>Les parcelles avec les statistiques en attributs : s&apos;ouvre dans QGIS</translation>
    </message>
    <message>
        <source>Every pixel a field touches</source>
        <translation>Tout pixel touché par la parcelle</translation>
    </message>
    <message>
        <source>Off: a pixel belongs to a field when its centre lies inside (GDAL rasterisation)</source>
        <translation>Désactivé : un pixel appartient à une parcelle si son centre est à l&apos;intérieur (rastérisation GDAL)</translation>
    </message>
    <message>
        <source>The layer the table shows</source>
        <translation>La couche affichée dans le tableau</translation>
    </message>
    <message>
        <source>The attribute that names each field</source>
        <translation>L&apos;attribut qui nomme chaque parcelle</translation>
    </message>
    <message>
        <source>Select a field in the table or click one on the map.</source>
        <translation>Sélectionnez une parcelle dans le tableau ou cliquez-en une sur la carte.</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Indice</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Open a product first: the parcels are placed on its grid.</source>
        <translation>Ouvrez d&apos;abord un produit : les parcelles sont placées sur sa grille.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n field(s) on the product (label: %2)</source>
        <translation>
            <numerusform>%1 : %n parcelle sur le produit (étiquette : %2)</numerusform>
            <numerusform>%1 : %n parcelles sur le produit (étiquette : %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n repaired</source>
        <translation>
            <numerusform>%n réparée</numerusform>
            <numerusform>%n réparées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n outside the product</source>
        <translation>
            <numerusform>%n hors du produit</numerusform>
            <numerusform>%n hors du produit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped (not polygons or empty)</source>
        <translation>
            <numerusform>%n ignorée (pas un polygone ou vide)</numerusform>
            <numerusform>%n ignorées (pas des polygones ou vides)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Computing the statistics of %n layer(s)…</source>
        <translation>
            <numerusform>Calcul des statistiques de %n couche…</numerusform>
            <numerusform>Calcul des statistiques de %n couches…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s) computed</source>
        <translation>
            <numerusform>%n couche calculée</numerusform>
            <numerusform>%n couches calculées</numerusform>
        </translation>
    </message>
    <message>
        <source>; skipped: %1</source>
        <translation> ; ignorés : %1</translation>
    </message>
    <message>
        <source>%1 (product)</source>
        <translation>%1 (produit)</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Open parcels and compute to see each field&apos;s numbers.</source>
        <translation>Ouvrez des parcelles et lancez le calcul pour voir les valeurs de chaque parcelle.</translation>
    </message>
    <message>
        <source>Before / after of the selected field</source>
        <translation>Avant / après de la parcelle sélectionnée</translation>
    </message>
    <message>
        <source>The selected field over the dates (open several dates as layers)</source>
        <translation>La parcelle sélectionnée au fil des dates (ouvrez plusieurs dates en couches)</translation>
    </message>
    <message>
        <source>Hidden %1 % (cloud %2, shadow %3, cirrus %4, snow %5)</source>
        <translation>Masqué %1 % (nuages %2, ombres %3, cirrus %4, neige %5)</translation>
    </message>
    <message>
        <source>; rebuilt %1 % by %2</source>
        <translation> ; %1 % reconstruit par %2</translation>
    </message>
    <message>
        <source>before (visible)</source>
        <translation>avant (visible)</translation>
    </message>
    <message>
        <source>after (all pixels)</source>
        <translation>après (tous les pixels)</translation>
    </message>
    <message>
        <source>Before (visible)</source>
        <translation>Avant (visible)</translation>
    </message>
    <message>
        <source>After (all pixels)</source>
        <translation>Après (tous les pixels)</translation>
    </message>
    <message>
        <source>Field %1: mean of each index</source>
        <translation>Parcelle %1 : moyenne de chaque indice</translation>
    </message>
    <message>
        <source>%1 over time</source>
        <translation>%1 dans le temps</translation>
    </message>
    <message>
        <source>clear</source>
        <translation>dégagé</translation>
    </message>
    <message>
        <source>rebuilt</source>
        <translation>reconstruit</translation>
    </message>
    <message>
        <source>hidden (visible part)</source>
        <translation>masqué (partie visible)</translation>
    </message>
    <message>
        <source>%1: %2 %3; hidden %4 %%5</source>
        <translation>%1 : %2 %3 ; masqué %4 %%5</translation>
    </message>
    <message>
        <source>, rebuilt %1 % (%2)</source>
        <translation>, reconstruit %1 % (%2)</translation>
    </message>
    <message>
        <source>Field %1: %2 per date</source>
        <translation>Parcelle %1 : %2 par date</translation>
    </message>
    <message>
        <source>Open Parcels</source>
        <translation>Ouvrir des parcelles</translation>
    </message>
    <message>
        <source>Export GeoPackage</source>
        <translation>Exporter en GeoPackage</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exporter en CSV</translation>
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
        <translation>%1 écrit</translation>
    </message>
    <message>
        <source>Stop computing the statistics</source>
        <translation>Arrêter le calcul des statistiques</translation>
    </message>
    <message>
        <source>The table of every field and layer as a CSV file</source>
        <translation>Le tableau de toutes les parcelles et couches dans un fichier CSV</translation>
    </message>
    <message>
        <source>The index the chart shows per date</source>
        <translation>L&apos;indice que le graphique montre par date</translation>
    </message>
    <message>
        <source>Area (%1)</source>
        <translation>Surface (%1)</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; — %2, %Ln pixel(s)&lt;br&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %2, %Ln pixel&lt;br&gt;</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %2, %Ln pixels&lt;br&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <source>Vector data (*.gpkg *.geojson *.json *.shp *.zip *.fgb *.kml *.gml);;All files (*)</source>
        <translation>Données vecteur (*.gpkg *.geojson *.json *.shp *.zip *.fgb *.kml *.gml);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Added the layers to %1 (its other layers are kept)</source>
        <translation>Couches ajoutées à %1 (ses autres couches sont conservées)</translation>
    </message>
    <message>
        <source>The selected field over the dates</source>
        <translation>La parcelle sélectionnée au fil des dates</translation>
    </message>
    <message>
        <source>%1 exists and is not a GeoPackage: it is left as it is. Choose another name.</source>
        <translation>%1 existe et n’est pas un GeoPackage : il est laissé tel quel. Choisissez un autre nom.</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Écriture de %1…</translation>
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
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Open Product…</source>
        <translation>&amp;Ouvrir un produit…</translation>
    </message>
    <message>
        <source>Open a Sentinel-2 product</source>
        <translation>Ouvrir un produit Sentinel-2</translation>
    </message>
    <message>
        <source>Open &amp;SAFE Folder…</source>
        <translation>Ouvrir un dossier &amp;SAFE…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Fichiers &amp;récents</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Zoom to &amp;Fit</source>
        <translation>&amp;Ajuster à la fenêtre</translation>
    </message>
    <message>
        <source>Zoom &amp;1:1 (10 m per pixel)</source>
        <translation>Zoom &amp;1:1 (10 m par pixel)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Zoom a&amp;vant</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>&amp;About Unclouded</source>
        <translation>À &amp;propos d&apos;Unclouded</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Barre principale</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Propriété</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Affichage</translation>
    </message>
    <message>
        <source>Scene classes</source>
        <translation>Classes de scène</translation>
    </message>
    <message>
        <source>Pixel inspector</source>
        <translation>Inspecteur de pixel</translation>
    </message>
    <message>
        <source>Still opening %1; wait for it or cancel it first.</source>
        <translation>%1 est encore en cours d&apos;ouverture ; attendez ou annulez d&apos;abord.</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Ouverture de %1…</translation>
    </message>
    <message>
        <source>Opening cancelled</source>
        <translation>Ouverture annulée</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 ouvert</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Avertissement : %1</translation>
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
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Sensing time</source>
        <translation>Date d&apos;acquisition</translation>
    </message>
    <message>
        <source>Tile</source>
        <translation>Tuile</translation>
    </message>
    <message>
        <source>Processing baseline</source>
        <translation>Version de traitement (baseline)</translation>
    </message>
    <message>
        <source>CRS</source>
        <translation>SCR</translation>
    </message>
    <message>
        <source>none (pixel coordinates)</source>
        <translation>aucun (coordonnées pixel)</translation>
    </message>
    <message>
        <source>Size at %1 m</source>
        <translation>Taille à %1 m</translation>
    </message>
    <message>
        <source>Cloud cover (metadata)</source>
        <translation>Couverture nuageuse (métadonnées)</translation>
    </message>
    <message>
        <source>Sun zenith / azimuth</source>
        <translation>Zénith / azimut solaire</translation>
    </message>
    <message>
        <source>Bands (offset)</source>
        <translation>Bandes (décalage)</translation>
    </message>
    <message>
        <source>Radiometry</source>
        <translation>Radiométrie</translation>
    </message>
    <message>
        <source>reflectance = (DN + offset) / quantification; DN 0 = nodata</source>
        <translation>réflectance = (CN + décalage) / quantification ; CN 0 = nodata</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Open SC&amp;L File for Current Product…</source>
        <translation>Ouvrir un fichier SC&amp;L pour le produit actuel…</translation>
    </message>
    <message>
        <source>Open a product first, then its SCL or mask file.</source>
        <translation>Ouvrez d&apos;abord un produit, puis son fichier SCL ou de masque.</translation>
    </message>
    <message>
        <source>Scene classification raster (SCL codes)</source>
        <translation>Raster de classification de scène (codes SCL)</translation>
    </message>
    <message>
        <source>Rasters (*.tif *.tiff *.jp2);;All files (*)</source>
        <translation>Rasters (*.tif *.tiff *.jp2);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Open &amp;Mask File for Current Product…</source>
        <translation>Ouvrir un fichier de &amp;masque pour le produit actuel…</translation>
    </message>
    <message>
        <source>Draw AOI</source>
        <translation>Tracer la zone d&apos;intérêt</translation>
    </message>
    <message>
        <source>Drag a rectangle on the map to set the area of interest (Shift+drag works any time; Esc clears it)</source>
        <translation>Tracez un rectangle sur la carte pour définir la zone d&apos;intérêt (Maj+glisser fonctionne à tout moment ; Échap l&apos;efface)</translation>
    </message>
    <message>
        <source>Clear AOI</source>
        <translation>Effacer la zone d&apos;intérêt</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entraînement</translation>
    </message>
    <message>
        <source> + %1</source>
        <translation> + %1</translation>
    </message>
    <message>
        <source>Before / After</source>
        <translation>Avant / Après</translation>
    </message>
    <message>
        <source>Compare the product with its reconstruction (swipe, side by side, blink, fade, difference)</source>
        <translation>Comparer le produit à sa reconstruction (balayage, côte à côte, clignotement, fondu, différence)</translation>
    </message>
    <message>
        <source>Reconstruction</source>
        <translation>Reconstruction</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Évaluation</translation>
    </message>
    <message>
        <source>Wrote %1 (an AOI: open it as a layer to view it)</source>
        <translation>%1 écrit (une zone d&apos;intérêt : ouvrez-la en couche pour l&apos;afficher)</translation>
    </message>
    <message>
        <source>%1: before / after — drag the divider, B blinks</source>
        <translation>%1 : avant / après — faites glisser le séparateur, B fait clignoter</translation>
    </message>
    <message>
        <source>A .SAFE folder, or a folder of one GeoTIFF / COG / JP2 per band (B02.tif, blue.tif, …_B02_10m.jp2) with its SCL</source>
        <translation>Un dossier .SAFE, ou un dossier contenant un GeoTIFF / COG / JP2 par bande (B02.tif, blue.tif, …_B02_10m.jp2) avec son SCL</translation>
    </message>
    <message>
        <source>Open a .SAFE folder or a folder of band files</source>
        <translation>Ouvrir un dossier .SAFE ou un dossier de fichiers de bandes</translation>
    </message>
    <message>
        <source>Open &amp;Parcels…</source>
        <translation>Ouvrir des &amp;parcelles…</translation>
    </message>
    <message>
        <source>Field boundaries: GeoPackage, GeoJSON, Shapefile, FlatGeobuf, KML</source>
        <translation>Limites de parcelles : GeoPackage, GeoJSON, Shapefile, FlatGeobuf, KML</translation>
    </message>
    <message>
        <source>Open a product first: the parcels are placed on its grid.</source>
        <translation>Ouvrez d&apos;abord un produit : les parcelles sont placées sur sa grille.</translation>
    </message>
    <message>
        <source>Open Parcels</source>
        <translation>Ouvrir des parcelles</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>The new language is used when Unclouded is started again.</source>
        <translation>La nouvelle langue sera utilisée au prochain démarrage d&apos;Unclouded.</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>Réinitialiser la &amp;disposition</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Parcelles</translation>
    </message>
    <message>
        <source>AOI %1 x %2 px (%L3 km²)</source>
        <translation>Zone d&apos;intérêt %1 x %2 px (%L3 km²)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Paramètres</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <source>&amp;User Guide</source>
        <translation>&amp;Guide de l’utilisateur</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>Preferences saved.</source>
        <translation>Préférences enregistrées.</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <source>&amp;Inspect</source>
        <translation>&amp;Inspecter</translation>
    </message>
    <message>
        <source>Layers, display, product metadata, scene classes and the pixel inspector</source>
        <translation>Couches, affichage, métadonnées du produit, classes de scène et inspecteur de pixel</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>&amp;Entraîner</translation>
    </message>
    <message>
        <source>Train a network on the product&apos;s clear areas</source>
        <translation>Entraîner un réseau sur les zones dégagées du produit</translation>
    </message>
    <message>
        <source>&amp;Reconstruct</source>
        <translation>&amp;Reconstruire</translation>
    </message>
    <message>
        <source>Rebuild the hidden pixels and compare before and after</source>
        <translation>Reconstruire les pixels masqués et comparer avant et après</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>É&amp;valuer</translation>
    </message>
    <message>
        <source>Score the methods on simulated clouds or against a truth</source>
        <translation>Évaluer les méthodes sur des nuages simulés ou par rapport à une vérité terrain</translation>
    </message>
    <message>
        <source>&amp;Fields</source>
        <translation>&amp;Parcelles</translation>
    </message>
    <message>
        <source>Field boundaries and per-field statistics</source>
        <translation>Limites des parcelles et statistiques par parcelle</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>Re&amp;cherche</translation>
    </message>
    <message>
        <source>Search a STAC catalogue and download products</source>
        <translation>Chercher dans un catalogue STAC et télécharger des produits</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>&amp;Tâche</translation>
    </message>
    <message>
        <source>Stop opening the product</source>
        <translation>Arrêter l&apos;ouverture du produit</translation>
    </message>
    <message>
        <source>Open a Sentinel-2 product: a SAFE folder, .zip or MTD_MSIL*.xml, a STAC item or a GeoTIFF</source>
        <translation>Ouvrir un produit Sentinel-2 : dossier SAFE, .zip ou MTD_MSIL*.xml, un élément STAC ou un GeoTIFF</translation>
    </message>
    <message>
        <source>Show the whole product (Ctrl+0)</source>
        <translation>Afficher tout le produit (Ctrl+0)</translation>
    </message>
    <message>
        <source>One screen pixel per 10 m pixel (Ctrl+1)</source>
        <translation>Un pixel d&apos;écran par pixel de 10 m (Ctrl+1)</translation>
    </message>
    <message>
        <source>Zoom in on the centre of the map (the mouse wheel zooms where it points)</source>
        <translation>Zoomer sur le centre de la carte (la molette zoome là où elle pointe)</translation>
    </message>
    <message>
        <source>Zoom out from the centre of the map</source>
        <translation>Dézoomer depuis le centre de la carte</translation>
    </message>
    <message>
        <source>Remove the area of interest: jobs cover the whole product again (Esc on the map)</source>
        <translation>Supprimer la zone d&apos;intérêt : les traitements couvrent de nouveau tout le produit (Échap sur la carte)</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>Mask Values</source>
        <translation>Valeurs du masque</translation>
    </message>
    <message>
        <source>This mask holds the values %1.
Which of them hide the ground? The others count as clear.
Values and ranges, e.g. 2,3,4 (Fmask&apos;s shadow, snow and cloud) or 40-100 (a cloud probability).</source>
        <translation>Ce masque contient les valeurs %1.
Lesquelles cachent le sol ? Les autres comptent comme dégagées.
Valeurs et plages, p. ex. 2,3,4 (ombre, neige et nuage de Fmask) ou 40-100 (une probabilité de nuage).</translation>
    </message>
    <message>
        <source>Mask (raster: non-zero = hidden; polygons: hidden)</source>
        <translation>Masque (raster : non nul = masqué ; polygones : masqué)</translation>
    </message>
    <message>
        <source>Masks (*.tif *.tiff *.jp2 *.gml *.gpkg *.shp *.geojson *.kml *.kmz *.fgb);;Rasters (*.tif *.tiff *.jp2);;Polygons (*.gml *.gpkg *.shp *.geojson *.kml *.kmz *.fgb);;All files (*)</source>
        <translation>Masques (*.tif *.tiff *.jp2 *.gml *.gpkg *.shp *.geojson *.kml *.kmz *.fgb);;Rasters (*.tif *.tiff *.jp2);;Polygones (*.gml *.gpkg *.shp *.geojson *.kml *.kmz *.fgb);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Reading the values of %1…</source>
        <translation>Lecture des valeurs de %1…</translation>
    </message>
    <message>
        <source>The current layer changed while %1 was read: select %2 and open the mask again.</source>
        <translation>Le calque courant a changé pendant la lecture de %1 : sélectionnez %2 et rouvrez le masque.</translation>
    </message>
    <message>
        <source>This mask holds 16-bit flags; the bits set are %1.
Which bits hide the ground? Pixels with none of them set count as clear.
Bits 0-15, comma-separated, e.g. 10,11 (QA60&apos;s opaque clouds and cirrus).</source>
        <translation>Ce masque contient des indicateurs sur 16 bits ; les bits activés sont %1.
Quels bits cachent le sol ? Les pixels sans aucun d&apos;eux comptent comme dégagés.
Bits 0-15, séparés par des virgules, p. ex. 10,11 (les nuages opaques et les cirrus de QA60).</translation>
    </message>
    <message>
        <source>Mask Bits</source>
        <translation>Bits du masque</translation>
    </message>
    <message>
        <source>a reconstruction</source>
        <translation>une reconstruction</translation>
    </message>
    <message>
        <source>a training run</source>
        <translation>un entraînement</translation>
    </message>
    <message>
        <source>an evaluation</source>
        <translation>une évaluation</translation>
    </message>
    <message>
        <source>the field statistics</source>
        <translation>les statistiques des parcelles</translation>
    </message>
    <message>
        <source>a search or download</source>
        <translation>une recherche ou un téléchargement</translation>
    </message>
    <message>
        <source>Quit Unclouded</source>
        <translation>Quitter Unclouded</translation>
    </message>
    <message>
        <source>Still running: %1.
Quit and stop it? What it has not finished is not written.</source>
        <translation>Encore en cours : %1.
Quitter et l&apos;arrêter ? Ce qui n&apos;est pas terminé n&apos;est pas écrit.</translation>
    </message>
    <message>
        <source>Stop and Quit</source>
        <translation>Arrêter et quitter</translation>
    </message>
    <message>
        <source>%1: before / after — B blinks</source>
        <translation>%1 : avant / après — B clignote</translation>
    </message>
    <message>
        <source>This mask holds graded values from %1 to %2 (a cloud probability or score).
From which value up do they hide the ground? Lower values count as clear.</source>
        <translation>Ce masque contient des valeurs graduées de %1 à %2 (une probabilité de nuage ou un score).
À partir de quelle valeur cachent-elles le sol ? Les valeurs plus faibles comptent comme dégagées.</translation>
    </message>
    <message>
        <source>Mask Threshold</source>
        <translation>Seuil du masque</translation>
    </message>
    <message>
        <source>Vector data (*.gpkg *.geojson *.json *.shp *.zip *.fgb *.kml *.gml);;All files (*)</source>
        <translation>Données vecteur (*.gpkg *.geojson *.json *.shp *.zip *.fgb *.kml *.gml);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Zoom 1:1</source>
        <translation>Zoom 1:1</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 écrit</translation>
    </message>
    <message>
        <source>Wrote %1: select %2 to compare it with its result</source>
        <translation>%1 écrit : sélectionnez %2 pour le comparer à son résultat</translation>
    </message>
    <message>
        <source>&amp;Close Layer</source>
        <translation>&amp;Fermer la couche</translation>
    </message>
    <message>
        <source>Remove the current layer from the map and the docks (the files stay)</source>
        <translation>Retirer la couche courante de la carte et des panneaux (les fichiers restent)</translation>
    </message>
    <message>
        <source>Closed %1</source>
        <translation>%1 fermé</translation>
    </message>
    <message>
        <source>%1 was closed while its mask file was read: not opened</source>
        <translation>%1 a été fermé pendant la lecture de son fichier de masque : non ouvert</translation>
    </message>
    <message>
        <source>Sentinel-2 products (MTD_MSIL*.xml MTD_TL.xml *.zip *.json *.tif *.tiff);;All files (*)</source>
        <translation>Produits Sentinel-2 (MTD_MSIL*.xml MTD_TL.xml *.zip *.json *.tif *.tiff);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Clear Menu</source>
        <translation>Effacer la liste</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::PixelInspector</name>
    <message>
        <source>Property</source>
        <translation>Propriété</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Wavelength (nm)</source>
        <translation>Longueur d&apos;onde (nm)</translation>
    </message>
    <message>
        <source>Pixel</source>
        <translation>Pixel</translation>
    </message>
    <message>
        <source>Map (EPSG:%1)</source>
        <translation>Carte (EPSG:%1)</translation>
    </message>
    <message>
        <source>Lat, lon</source>
        <translation>Lat., long.</translation>
    </message>
    <message>
        <source>NDVI</source>
        <translation>NDVI</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Reconstructed</source>
        <translation>Reconstruit</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no (unchanged)</source>
        <translation>non (inchangé)</translation>
    </message>
    <message>
        <source>before</source>
        <translation>avant</translation>
    </message>
    <message>
        <source>after</source>
        <translation>après</translation>
    </message>
    <message>
        <source>Click a pixel on the map: its reflectance in every band, its scene class and its spectrum appear here (with a reconstruction open, before and after).</source>
        <translation>Cliquez sur un pixel de la carte : sa réflectance dans chaque bande, sa classe de scène et son spectre s&apos;affichent ici (avant et après, si une reconstruction est ouverte).</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>A new language is used when Unclouded is started again.</source>
        <translation>Une nouvelle langue s’applique au prochain démarrage d’Unclouded.</translation>
    </message>
    <message>
        <source>All cores (%1)</source>
        <translation>Tous les cœurs (%1)</translation>
    </message>
    <message>
        <source>Threads for reconstruction and training (UNCLOUDED_THREADS); 0 uses every core.</source>
        <translation>Threads pour la reconstruction et l’entraînement (UNCLOUDED_THREADS) ; 0 utilise tous les cœurs.</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> Mo</translation>
    </message>
    <message>
        <source>GDAL&apos;s block cache for reading and writing rasters. Larger is faster on big products but uses more memory.</source>
        <translation>Cache de blocs de GDAL pour lire et écrire les rasters. Plus grand, il accélère les gros produits mais utilise plus de mémoire.</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>Performances</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>GDAL cache</source>
        <translation>Cache GDAL</translation>
    </message>
    <message>
        <source>The GDAL cache changes at once; the threads at the next start.</source>
        <translation>Le cache GDAL change immédiatement ; les threads au prochain démarrage.</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Grows the hidden area by this many 10 m pixels, to catch cloud edges.</source>
        <translation>Agrandit la zone masquée de ce nombre de pixels de 10 m, pour couvrir les bords des nuages.</translation>
    </message>
    <message>
        <source>Masks</source>
        <translation>Masques</translation>
    </message>
    <message>
        <source>Hidden classes</source>
        <translation>Classes masquées</translation>
    </message>
    <message>
        <source>Mask buffer</source>
        <translation>Tampon du masque</translation>
    </message>
    <message>
        <source>Applied to the open product at once and used for every product opened later.</source>
        <translation>Appliqué immédiatement au produit ouvert et à chaque produit ouvert ensuite.</translation>
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
        <translation>Aucune</translation>
    </message>
    <message>
        <source>DEFLATE: read by every GIS. ZSTD: faster and often smaller; some older readers lack it.</source>
        <translation>DEFLATE : lu par tous les SIG. ZSTD : plus rapide et souvent plus petit ; certains lecteurs anciens ne le gèrent pas.</translation>
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
        <translation>Compression</translation>
    </message>
    <message>
        <source>Where downloaded products go (the Search panel uses the same folder)</source>
        <translation>Où vont les produits téléchargés (le panneau Recherche utilise le même dossier)</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose the download folder</source>
        <translation>Choisir le dossier de téléchargement</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> Go</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sans limite</translation>
    </message>
    <message>
        <source>After a download, the oldest downloaded items are removed until the folder fits; 0 keeps everything</source>
        <translation>Après un téléchargement, les éléments téléchargés les plus anciens sont supprimés jusqu&apos;à ce que le dossier tienne ; 0 conserve tout</translation>
    </message>
    <message>
        <source>Empty…</source>
        <translation>Vider…</translation>
    </message>
    <message>
        <source>Remove every downloaded item from the folder (other files stay)</source>
        <translation>Supprimer tous les éléments téléchargés du dossier (les autres fichiers restent)</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Téléchargements</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Size limit</source>
        <translation>Taille maximale</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Utilisé</translation>
    </message>
    <message>
        <source>Download Folder</source>
        <translation>Dossier de téléchargement</translation>
    </message>
    <message>
        <source>How the Fields panel shows areas; exports keep hectares</source>
        <translation>Comment le panneau Parcelles affiche les surfaces ; les exports restent en hectares</translation>
    </message>
    <message>
        <source>How the pixel inspector shows reflectance; exports and the CLI keep reflectance 0–1</source>
        <translation>Comment l&apos;inspecteur de pixels affiche la réflectance ; les exports et la ligne de commande restent en réflectance 0–1</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unités</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Surface</translation>
    </message>
    <message>
        <source>Reflectance</source>
        <translation>Réflectance</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>comptage…</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s), %1</source>
        <translation>
            <numerusform>%n élément, %1</numerusform>
            <numerusform>%n éléments, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Empty the Download Folder</source>
        <translation>Vider le dossier de téléchargement</translation>
    </message>
    <message>
        <source>removing…</source>
        <translation>suppression…</translation>
    </message>
    <message>
        <source>Remove every downloaded item from %1? Items open as layers or read by a running job, and other files there, are kept.</source>
        <translation>Supprimer tous les éléments téléchargés de %1 ? Les éléments ouverts comme couches ou lus par une tâche en cours, et les autres fichiers, y sont conservés.</translation>
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
        <translation>Remplissage temporel (date de référence)</translation>
    </message>
    <message>
        <source>Use a network trained in the Training panel or with &apos;unclouded-cli train&apos; (.pth)</source>
        <translation>Utiliser un réseau entraîné dans le panneau Entraînement ou avec &apos;unclouded-cli train&apos; (.pth)</translation>
    </message>
    <message>
        <source>Choose a checkpoint</source>
        <translation>Choisir un point de contrôle</translation>
    </message>
    <message>
        <source>Checkpoints (*.pth)</source>
        <translation>Points de contrôle (*.pth)</translation>
    </message>
    <message>
        <source>Only the area of interest</source>
        <translation>Seulement la zone d&apos;intérêt</translation>
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
        <translation>Enregistrer le produit nettoyé sous</translation>
    </message>
    <message>
        <source>GeoTIFF (*.tif *.tiff)</source>
        <translation>GeoTIFF (*.tif *.tiff)</translation>
    </message>
    <message>
        <source>Reconstruct</source>
        <translation>Reconstruire</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Open a product with a scene classification or mask.</source>
        <translation>Ouvrez un produit avec une classification de scène ou un masque.</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>Swipe</source>
        <translation>Balayage</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Côte à côte</translation>
    </message>
    <message>
        <source>Blink (B)</source>
        <translation>Clignotement (B)</translation>
    </message>
    <message>
        <source>Fade</source>
        <translation>Fondu</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Différence</translation>
    </message>
    <message>
        <source>Horizontal divider</source>
        <translation>Séparateur horizontal</translation>
    </message>
    <message>
        <source>NDVI (after − before)</source>
        <translation>NDVI (après − avant)</translation>
    </message>
    <message>
        <source>Outline rebuilt pixels</source>
        <translation>Entourer les pixels reconstruits</translation>
    </message>
    <message>
        <source>Save View as Image…</source>
        <translation>Enregistrer la vue en image…</translation>
    </message>
    <message>
        <source>Before / after</source>
        <translation>Avant / après</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Vue</translation>
    </message>
    <message>
        <source>Save the view as</source>
        <translation>Enregistrer la vue sous</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg)</source>
        <translation>Images (*.png *.jpg)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>Impossible d&apos;écrire %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Prêt.</translation>
    </message>
    <message>
        <source>This product has no scene classification: open an SCL or mask file for it.</source>
        <translation>Ce produit n&apos;a pas de classification de scène : ouvrez un fichier SCL ou de masque pour lui.</translation>
    </message>
    <message>
        <source>Temporal fill needs a reference date: open a clear product of the same tile and choose it.</source>
        <translation>Le remplissage temporel requiert une date de référence : ouvrez un produit dégagé de la même tuile et choisissez-le.</translation>
    </message>
    <message>
        <source>Starting %1…</source>
        <translation>Démarrage de %1…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>, about %1 s left</source>
        <translation>, environ %1 s restantes</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written.</source>
        <translation>Annulé ; rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>General model (pretrained, no training)</source>
        <translation>Modèle général (pré-entraîné, sans entraînement)</translation>
    </message>
    <message>
        <source>The network that ships with Unclouded: any Sentinel-2 product, no training. With a reference date it starts from the temporal fill and corrects it.</source>
        <translation>Le réseau fourni avec Unclouded : tout produit Sentinel-2, sans entraînement. Avec une date de référence, il part du remplissage temporel et le corrige.</translation>
    </message>
    <message>
        <source>product</source>
        <translation>produit</translation>
    </message>
    <message>
        <source>mask</source>
        <translation>masque</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>référence</translation>
    </message>
    <message>
        <source>model</source>
        <translation>modèle</translation>
    </message>
    <message>
        <source>The output</source>
        <translation>La sortie</translation>
    </message>
    <message>
        <source>Its mask</source>
        <translation>Son masque</translation>
    </message>
    <message numerus="yes">
        <source>Rebuilt %L1 % of the area in %L2 s (%L3 of %Ln window(s) skipped). Wrote %4</source>
        <translation>
            <numerusform>%L1 % de la zone reconstruits en %L2 s (%L3 sur %Ln fenêtre ignorée). %4 écrit</numerusform>
            <numerusform>%L1 % de la zone reconstruits en %L2 s (%L3 sur %Ln fenêtres ignorées). %4 écrit</numerusform>
        </translation>
    </message>
    <message>
        <source>How the hidden pixels are rebuilt: inpainting from the surroundings, another date, or a network</source>
        <translation>Comment les pixels masqués sont reconstruits : inpainting depuis les alentours, une autre date ou un réseau</translation>
    </message>
    <message>
        <source>Rebuild and write only the rectangle drawn on the map (Draw AOI or Shift+drag)</source>
        <translation>Ne reconstruire et n&apos;écrire que le rectangle tracé sur la carte (Tracer la zone d&apos;intérêt ou Maj+glisser)</translation>
    </message>
    <message>
        <source>A Cloud-Optimized GeoTIFF streams from a web server; both keep the product&apos;s grid</source>
        <translation>Un Cloud-Optimized GeoTIFF se lit en flux depuis un serveur web ; les deux gardent la grille du produit</translation>
    </message>
    <message>
        <source>The GeoTIFF written; its rebuilt-pixel mask goes beside it as .mask.tif</source>
        <translation>Le GeoTIFF écrit ; son masque des pixels reconstruits est placé à côté en .mask.tif</translation>
    </message>
    <message>
        <source>Choose where the result is saved</source>
        <translation>Choisir où le résultat est enregistré</translation>
    </message>
    <message>
        <source>Rebuild the hidden pixels and write the result; the comparison opens as rows finish</source>
        <translation>Reconstruire les pixels masqués et écrire le résultat ; la comparaison s&apos;ouvre à mesure que les lignes sont prêtes</translation>
    </message>
    <message>
        <source>Stop; no file is left behind</source>
        <translation>Arrêter ; aucun fichier n&apos;est laissé</translation>
    </message>
    <message>
        <source>How before and after are shown: a divider, two synced views, blinking, a fade or the difference</source>
        <translation>Comment avant et après s&apos;affichent : séparateur, deux vues synchronisées, clignotement, fondu ou différence</translation>
    </message>
    <message>
        <source>Divide the view top / bottom instead of left / right</source>
        <translation>Diviser la vue en haut / bas au lieu de gauche / droite</translation>
    </message>
    <message>
        <source>Fade mode: how much of the after picture shows</source>
        <translation>Mode fondu : la part visible de l&apos;image après</translation>
    </message>
    <message>
        <source>Difference mode: the index or band compared, on a blue–white–red ramp</source>
        <translation>Mode différence : l&apos;indice ou la bande comparés, sur une rampe bleu–blanc–rouge</translation>
    </message>
    <message>
        <source>Draw the edge of every rebuilt area on the after side</source>
        <translation>Dessiner le bord de chaque zone reconstruite du côté après</translation>
    </message>
    <message>
        <source>Save the comparison as it is shown as a PNG or JPEG</source>
        <translation>Enregistrer la comparaison telle qu&apos;affichée en PNG ou JPEG</translation>
    </message>
    <message>
        <source>Other dates of the same tile, for temporal fill and the networks that use them; only open products on this product&apos;s grid are offered</source>
        <translation>Autres dates de la même tuile, pour le remplissage temporel et les réseaux qui les utilisent ; seuls les produits ouverts sur la grille de ce produit sont proposés</translation>
    </message>
    <message>
        <source>float32 reflectance</source>
        <translation>Réflectance en float32</translation>
    </message>
    <message>
        <source>Write reflectance as 32-bit floats (twice the size) instead of the product&apos;s DN (uint16 with scale and offset, the default)</source>
        <translation>Écrire la réflectance en flottants 32 bits (deux fois plus gros) au lieu des DN du produit (uint16 avec échelle et décalage, par défaut)</translation>
    </message>
    <message>
        <source>Harmonic fill (smooth, from the surroundings)</source>
        <translation>Remplissage harmonique (lisse, depuis les environs)</translation>
    </message>
    <message>
        <source>Each hidden pixel the mean of its neighbours: the smoothest surface that meets the cloud&apos;s edge. The best of the classical one-date methods on real clouds.</source>
        <translation>Chaque pixel caché vaut la moyenne de ses voisins : la surface la plus lisse qui rejoint le bord du nuage. La meilleure des méthodes classiques à une date sur de vrais nuages.</translation>
    </message>
    <message>
        <source>No other date shows the ground under the hidden pixels (no data or hidden there too): all were filled from their surroundings.</source>
        <translation>Aucune autre date ne montre le sol sous les pixels masqués (pas de données ou masqués là aussi) : tous ont été remplis à partir de leurs alentours.</translation>
    </message>
    <message>
        <source>reference mask</source>
        <translation>masque de la référence</translation>
    </message>
    <message>
        <source>%L1 values lie outside what 16-bit numbers with the product&apos;s offset can hold (negative reflectance, say) and were stored clamped: tick float32 reflectance to keep them.</source>
        <translation>%L1 valeurs sortent de ce que des nombres 16 bits avec le décalage du produit peuvent contenir (réflectance négative, par exemple) et ont été écrêtées : cochez « Réflectance en float32 » pour les garder.</translation>
    </message>
    <message>
        <source>The output %1 is a folder: give a file name.</source>
        <translation>La sortie %1 est un dossier : indiquez un nom de fichier.</translation>
    </message>
    <message>
        <source>Choose where to write the result.</source>
        <translation>Choisissez où écrire le résultat.</translation>
    </message>
    <message>
        <source>The folder %1 does not take files (read-only, or not yours): choose another output.</source>
        <translation>Le dossier %1 n’accepte pas de fichiers (en lecture seule, ou pas le vôtre) : choisissez une autre sortie.</translation>
    </message>
    <message>
        <source>%1 (after − before)</source>
        <translation>%1 (après − avant)</translation>
    </message>
    <message>
        <source>%1 exists and is not a GeoTIFF: it is left as it is. Choose another name.</source>
        <translation>%1 existe et n’est pas un GeoTIFF : il est laissé tel quel. Choisissez un autre nom.</translation>
    </message>
    <message>
        <source>Replace the Result</source>
        <translation>Remplacer le résultat</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it with this reconstruction?</source>
        <translation>%1 existe déjà. Le remplacer par cette reconstruction ?</translation>
    </message>
    <message>
        <source>%1: %2 %%3</source>
        <translation>%1 : %2 %%3</translation>
    </message>
    <message>
        <source>%L1 pixels the mask hides have no data in any band (past the swath edge, or blanked before): left as no data.</source>
        <translation>%L1 pixels masqués n’ont de données dans aucune bande (hors de la fauchée, ou effacés avant) : laissés sans données.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::ReferenceCombo</name>
    <message numerus="yes">
        <source>All %n other date(s)</source>
        <translation>
            <numerusform>L’autre date</numerusform>
            <numerusform>Les %n autres dates</numerusform>
        </translation>
    </message>
    <message>
        <source>Another date of the tile from a file, not open as a layer: a SAFE&apos;s MTD_MSIL*.xml, a .zip, a STAC item or a GeoTIFF</source>
        <translation>Une autre date de la tuile depuis un fichier, sans l&apos;ouvrir comme couche : le MTD_MSIL*.xml d&apos;un SAFE, un .zip, un item STAC ou un GeoTIFF</translation>
    </message>
    <message>
        <source>Other Date</source>
        <translation>Autre date</translation>
    </message>
    <message>
        <source>Every other open date of this tile: per pixel the nearest three that show the ground, weighted by how well each fits the product</source>
        <translation>Toutes les autres dates ouvertes de cette tuile : pour chaque pixel, les trois dates les plus proches qui montrent le sol, pondérées selon leur accord avec le produit</translation>
    </message>
    <message>
        <source>%1 has no scene classification: all of it was taken as clear ground, its clouds included (open its SCL or mask file on its layer).</source>
        <translation>%1 n&apos;a pas de classification de scène : tout a été pris pour du sol dégagé, ses nuages compris (ouvrez son fichier SCL ou de masque sur son calque).</translation>
    </message>
    <message>
        <source>%1 (covers %2 %)</source>
        <translation>%1 (couvre %2 %)</translation>
    </message>
    <message>
        <source>This date covers %1 % of the product (another window of its grid): the rest is filled from the surroundings.</source>
        <translation>Cette date couvre %1 % du produit (une autre fenêtre de sa grille) : le reste est comblé à partir des alentours.</translation>
    </message>
    <message>
        <source>%1 (resampled)</source>
        <translation>%1 (rééchantillonnée)</translation>
    </message>
    <message>
        <source>%1 (resampled, covers %2 %)</source>
        <translation>%1 (rééchantillonnée, couvre %2 %)</translation>
    </message>
    <message>
        <source>This date lies on another CRS or pixel grid: it is resampled onto the product&apos;s pixels (bilinear; its classes nearest).</source>
        <translation>Cette date est dans un autre SCR ou une autre grille de pixels : elle est rééchantillonnée sur les pixels du produit (bilinéaire ; ses classes au plus proche voisin).</translation>
    </message>
    <message>
        <source>It covers %1 % of the product: the rest is filled from the surroundings.</source>
        <translation>Elle couvre %1 % du produit : le reste est comblé à partir des alentours.</translation>
    </message>
    <message>
        <source>Sentinel-2 products (MTD_MSIL*.xml MTD_TL.xml *.zip *.json *.tif *.tiff);;All files (*)</source>
        <translation>Produits Sentinel-2 (MTD_MSIL*.xml MTD_TL.xml *.zip *.json *.tif *.tiff);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::SclPanel</name>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Couverture</translation>
    </message>
    <message>
        <source>Show overlay</source>
        <translation>Afficher la superposition</translation>
    </message>
    <message>
        <source>Outline only</source>
        <translation>Contour seulement</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Opacité</translation>
    </message>
    <message>
        <source>Mask buffer</source>
        <translation>Tampon du masque</translation>
    </message>
    <message>
        <source>No scene classification (open a mask file)</source>
        <translation>Pas de classification de scène (ouvrez un fichier de masque)</translation>
    </message>
    <message>
        <source>Hidden (selected, with buffer)</source>
        <translation>Masqué (classes cochées, avec tampon)</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>comptage…</translation>
    </message>
    <message>
        <source>Colour the ticked classes over the map</source>
        <translation>Colorer les classes cochées sur la carte</translation>
    </message>
    <message>
        <source>Draw only the edges of the hidden areas, so the ground stays visible</source>
        <translation>Ne dessiner que les bords des zones masquées, pour que le sol reste visible</translation>
    </message>
    <message>
        <source>Opacity of the class colours over the map</source>
        <translation>Opacité des couleurs de classe sur la carte</translation>
    </message>
    <message>
        <source>Widen every hidden area by this many pixels: cloud edges and thin haze around them count as hidden too</source>
        <translation>Élargir chaque zone masquée de ce nombre de pixels : les bords des nuages et le voile léger autour comptent aussi comme masqués</translation>
    </message>
    <message>
        <source>No product open</source>
        <translation>Aucun produit ouvert</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::SearchPanel</name>
    <message>
        <source>Earth Search (Element 84, COGs, no login)</source>
        <translation>Earth Search (Element 84, COG, sans connexion)</translation>
    </message>
    <message>
        <source>Copernicus Data Space (SAFE, login to download)</source>
        <translation>Copernicus Data Space (SAFE, connexion pour télécharger)</translation>
    </message>
    <message>
        <source>Other STAC API…</source>
        <translation>Autre API STAC…</translation>
    </message>
    <message>
        <source>https://…/v1 (a STAC API root)</source>
        <translation>https://…/v1 (racine d’une API STAC)</translation>
    </message>
    <message>
        <source>west,south,east,north in degrees</source>
        <translation>ouest,sud,est,nord en degrés</translation>
    </message>
    <message>
        <source>From Map</source>
        <translation>Depuis la carte</translation>
    </message>
    <message>
        <source>The map&apos;s AOI rectangle (Shift+drag), or the whole product without one</source>
        <translation>Le rectangle de zone d’intérêt de la carte (Maj+glisser), ou tout le produit sans lui</translation>
    </message>
    <message>
        <source>any (e.g. 33UUU)</source>
        <translation>toutes (p. ex. 33UUU)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <source>Log In…</source>
        <translation>Se connecter…</translation>
    </message>
    <message>
        <source>The catalogue&apos;s user and password, kept in the system keychain (never in a file)</source>
        <translation>Utilisateur et mot de passe du catalogue, gardés dans le trousseau du système (jamais dans un fichier)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Tile</source>
        <translation>Tuile</translation>
    </message>
    <message>
        <source>Cloud %</source>
        <translation>Nuages %</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Bands to download, e.g. B02,B03,B04,B08,SCL; empty: every band</source>
        <translation>Bandes à télécharger, p. ex. B02,B03,B04,B08,SCL ; vide : toutes les bandes</translation>
    </message>
    <message>
        <source>Only the AOI (COG windows)</source>
        <translation>Seulement la zone d’intérêt (fenêtres COG)</translation>
    </message>
    <message>
        <source>Reads only the blocks of each COG that cover the box above</source>
        <translation>Ne lit que les blocs de chaque COG qui couvrent la zone ci-dessus</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose the download folder</source>
        <translation>Choisir le dossier de téléchargement</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Open the item in place: remote bands are read window by window</source>
        <translation>Ouvrir l’élément sur place : les bandes distantes sont lues fenêtre par fenêtre</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <source>Fetch the bands into the folder (resumes an interrupted download), then open</source>
        <translation>Télécharge les bandes dans le dossier (reprend un téléchargement interrompu), puis ouvre</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>Collection</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>Max. cloud</source>
        <translation>Nuages max.</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>Au plus</translation>
    </message>
    <message>
        <source>Bands</source>
        <translation>Bandes</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>required</source>
        <translation>requise</translation>
    </message>
    <message>
        <source>Download Folder</source>
        <translation>Dossier de téléchargement</translation>
    </message>
    <message>
        <source>Login kept in the system keychain</source>
        <translation>Connexion gardée dans le trousseau du système</translation>
    </message>
    <message>
        <source>Cannot keep the login: %1</source>
        <translation>Impossible de garder la connexion : %1</translation>
    </message>
    <message>
        <source>%1 needs a login: Log In… first (%2)</source>
        <translation>%1 demande une connexion : d’abord Se connecter… (%2)</translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation>Pas d’aperçu : %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Give the address of a STAC API (http:// or https://)</source>
        <translation>Indiquez l’adresse d’une API STAC (http:// ou https://)</translation>
    </message>
    <message>
        <source>Give the collection to search</source>
        <translation>Indiquez la collection à chercher</translation>
    </message>
    <message>
        <source>The area must be west,south,east,north in degrees (west &lt; east, south &lt; north)</source>
        <translation>La zone doit être ouest,sud,est,nord en degrés (ouest &lt; est, sud &lt; nord)</translation>
    </message>
    <message>
        <source>The first date is after the last</source>
        <translation>La première date est après la dernière</translation>
    </message>
    <message>
        <source>The tile must be an MGRS tile such as 33UUU</source>
        <translation>La tuile doit être une tuile MGRS comme 33UUU</translation>
    </message>
    <message>
        <source>Open a product first, or type the area</source>
        <translation>Ouvrez d’abord un produit, ou saisissez la zone</translation>
    </message>
    <message>
        <source>The product has no coordinate system: type the area</source>
        <translation>Le produit n’a pas de système de coordonnées : saisissez la zone</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Recherche…</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n élément</numerusform>
            <numerusform>%n éléments</numerusform>
        </translation>
    </message>
    <message>
        <source> (%1 matched)</source>
        <translation> (%1 trouvés)</translation>
    </message>
    <message>
        <source>; more available: raise the limit</source>
        <translation> ; d’autres disponibles : augmentez la limite</translation>
    </message>
    <message>
        <source>Bands: %1</source>
        <translation>Bandes : %1</translation>
    </message>
    <message>
        <source>Loading the preview…</source>
        <translation>Chargement de l’aperçu…</translation>
    </message>
    <message>
        <source>No preview (not an image)</source>
        <translation>Pas d’aperçu (pas une image)</translation>
    </message>
    <message>
        <source>Reading the login from the system keychain…</source>
        <translation>Lecture de la connexion dans le trousseau…</translation>
    </message>
    <message>
        <source>Only the AOI: give the area first (typed, or From Map)</source>
        <translation>Seulement la zone d’intérêt : indiquez d’abord la zone (saisie, ou Depuis la carte)</translation>
    </message>
    <message>
        <source>Downloaded to %1</source>
        <translation>Téléchargé dans %1</translation>
    </message>
    <message>
        <source>Log In to %1</source>
        <translation>Connexion à %1</translation>
    </message>
    <message>
        <source>Kept in the system keychain, never in a file. A token is fetched for each download.</source>
        <translation>Gardés dans le trousseau du système, jamais dans un fichier. Un jeton est obtenu pour chaque téléchargement.</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>The STAC catalogue searched</source>
        <translation>Le catalogue STAC interrogé</translation>
    </message>
    <message>
        <source>The root address of another STAC API</source>
        <translation>L&apos;adresse racine d&apos;une autre API STAC</translation>
    </message>
    <message>
        <source>The catalogue&apos;s collection of Sentinel-2 products (filled in for the known catalogues)</source>
        <translation>La collection de produits Sentinel-2 du catalogue (remplie pour les catalogues connus)</translation>
    </message>
    <message>
        <source>The area searched: west,south,east,north in degrees (WGS 84)</source>
        <translation>La zone recherchée : ouest,sud,est,nord en degrés (WGS 84)</translation>
    </message>
    <message>
        <source>First sensing date searched</source>
        <translation>Première date d&apos;acquisition recherchée</translation>
    </message>
    <message>
        <source>Last sensing date searched</source>
        <translation>Dernière date d&apos;acquisition recherchée</translation>
    </message>
    <message>
        <source>Only items whose metadata give at most this cloud cover</source>
        <translation>Seulement les éléments dont les métadonnées indiquent au plus cette couverture nuageuse</translation>
    </message>
    <message>
        <source>Only this MGRS tile (e.g. 33UUU); empty: every tile over the area</source>
        <translation>Seulement cette tuile MGRS (p. ex. 33UUU) ; vide : toutes les tuiles sur la zone</translation>
    </message>
    <message>
        <source>At most this many items are listed</source>
        <translation>Au plus ce nombre d&apos;éléments est listé</translation>
    </message>
    <message>
        <source>Ask the catalogue; the results and their footprints appear below and on the map</source>
        <translation>Interroger le catalogue ; les résultats et leurs emprises apparaissent ci-dessous et sur la carte</translation>
    </message>
    <message>
        <source>Where downloads go; empty: the user cache folder</source>
        <translation>Où vont les téléchargements ; vide : le dossier de cache de l&apos;utilisateur</translation>
    </message>
    <message>
        <source>Stop the search or the download (a download resumes later)</source>
        <translation>Arrêter la recherche ou le téléchargement (un téléchargement reprend plus tard)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>Impossible d&apos;écrire %1</translation>
    </message>
    <message numerus="yes">
        <source>; %n unusable left out</source>
        <translation>
            <numerusform>; %n inutilisable écarté</numerusform>
            <numerusform>; %n inutilisables écartés</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::ShortcutsDialog</name>
    <message>
        <source>Toolbar</source>
        <translation>Barre d’outils</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autres</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Raccourci</translation>
    </message>
    <message>
        <source>On the map: drag to pan, the wheel zooms, Shift+drag draws an area of interest, Esc clears it. In the before / after view, B or Space blinks and Shift+arrows move the divider. In the Layers dock, Delete closes the selected layer.</source>
        <translation>Sur la carte : glisser déplace, la molette zoome, Maj+glisser trace une zone d’intérêt, Échap l’efface. Dans la vue avant / après, B ou Espace alterne et Maj+flèches déplacent le séparateur. Dans le panneau Couches, Suppr ferme la couche sélectionnée.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::SwipeView</name>
    <message>
        <source>Drag the divider to compare; B or Space blinks between before and after</source>
        <translation>Faites glisser le séparateur pour comparer ; B ou Espace alterne entre avant et après</translation>
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
        <translation>CNN encodeur–décodeur</translation>
    </message>
    <message>
        <source>90° rotations</source>
        <translation>Rotations de 90°</translation>
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
        <translation>Point de contrôle</translation>
    </message>
    <message>
        <source>Checkpoints (*.pth)</source>
        <translation>Points de contrôle (*.pth)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Époques</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Taux d&apos;apprentissage</translation>
    </message>
    <message>
        <source>Patch (px)</source>
        <translation>Patch (px)</translation>
    </message>
    <message>
        <source>Width / depth</source>
        <translation>Largeur / profondeur</translation>
    </message>
    <message>
        <source>Max patches</source>
        <translation>Patchs max.</translation>
    </message>
    <message>
        <source>Augment</source>
        <translation>Augmentation</translation>
    </message>
    <message>
        <source>Reference date</source>
        <translation>Date de référence</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Périphérique</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Graine</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Open a product with an SCL, then Start.</source>
        <translation>Ouvrez un produit avec un SCL, puis cliquez sur Démarrer.</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Échelle log.</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Époque</translation>
    </message>
    <message>
        <source>Masked MSE (normalised)</source>
        <translation>MSE masquée (normalisée)</translation>
    </message>
    <message>
        <source>Validation PSNR (dB)</source>
        <translation>PSNR de validation (dB)</translation>
    </message>
    <message>
        <source>train (batch)</source>
        <translation>entraînement (lot)</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation>entraînement (époque)</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>validation</translation>
    </message>
    <message>
        <source>val PSNR</source>
        <translation>PSNR val.</translation>
    </message>
    <message>
        <source>input (hidden outlined)</source>
        <translation>entrée (zones masquées entourées)</translation>
    </message>
    <message>
        <source>reconstruction</source>
        <translation>reconstruction</translation>
    </message>
    <message>
        <source>truth</source>
        <translation>vérité terrain</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Échec de l&apos;entraînement : %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Ready to train on %1.</source>
        <translation>Prêt pour l&apos;entraînement sur %1.</translation>
    </message>
    <message>
        <source>Open a product first.</source>
        <translation>Ouvrez d&apos;abord un produit.</translation>
    </message>
    <message>
        <source>Choose where to write the checkpoint.</source>
        <translation>Choisissez où écrire le point de contrôle.</translation>
    </message>
    <message>
        <source>Collecting clear patches and cloud shapes…</source>
        <translation>Collecte des patchs dégagés et des formes de nuages…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>Arrêt après le lot en cours…</translation>
    </message>
    <message>
        <source>Training will use patches inside the AOI (%1 x %2 px).</source>
        <translation>L&apos;entraînement utilisera des patchs dans la zone d&apos;intérêt (%1 x %2 px).</translation>
    </message>
    <message>
        <source>Recommended (warm-up, decay, early stop)</source>
        <translation>Recommandé (préchauffage, décroissance, arrêt précoce)</translation>
    </message>
    <message>
        <source>Reference design (the epochs, batch and rate below)</source>
        <translation>Conception de référence (époques, lot et taux ci-dessous)</translation>
    </message>
    <message>
        <source>Recommended: Adam 1e-3 with warm-up and cosine decay over 600 steps, stopping when validation stops improving. Reference design: Adam at a constant rate for a number of epochs.</source>
        <translation>Recommandé : Adam 1e-3 avec préchauffage et décroissance cosinus sur 600 pas, arrêt quand la validation ne s&apos;améliore plus. Conception de référence : Adam à taux constant pendant un nombre d&apos;époques.</translation>
    </message>
    <message>
        <source>Scratch</source>
        <translation>De zéro</translation>
    </message>
    <message>
        <source>General model (fine-tune)</source>
        <translation>Modèle général (affinage)</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Partir de</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Planification</translation>
    </message>
    <message>
        <source>Epoch %1 / %2, batch %3 / %4, loss %L5, ETA %L6 s</source>
        <translation>Époque %1 / %2, lot %3 / %4, perte %L5, fin dans %L6 s</translation>
    </message>
    <message>
        <source>Epoch %1: validation loss %L2, PSNR %L3 dB, %L4 patches/s</source>
        <translation>Époque %1 : perte de validation %L2, PSNR %L3 dB, %L4 patchs/s</translation>
    </message>
    <message>
        <source>U-Net: skip connections keep fine detail (better, slower). CNN: a plain encoder–decoder (faster, blurrier).</source>
        <translation>U-Net : les connexions directes gardent le détail fin (meilleur, plus lent). CNN : un simple encodeur–décodeur (plus rapide, plus flou).</translation>
    </message>
    <message>
        <source>Passes over the training crops (reference design only)</source>
        <translation>Passages sur les extraits d&apos;entraînement (conception de référence seulement)</translation>
    </message>
    <message>
        <source>Crops per optimizer step (reference design only)</source>
        <translation>Extraits par pas d&apos;optimisation (conception de référence seulement)</translation>
    </message>
    <message>
        <source>Adam&apos;s learning rate (reference design only)</source>
        <translation>Taux d&apos;apprentissage d&apos;Adam (conception de référence seulement)</translation>
    </message>
    <message>
        <source>Side of the training crops in pixels; shrunk to fit small scenes and AOIs</source>
        <translation>Côté des extraits d&apos;entraînement en pixels ; réduit pour les petites scènes et zones d&apos;intérêt</translation>
    </message>
    <message>
        <source>Channels of the first layer: wider learns more, slower</source>
        <translation>Canaux de la première couche : plus large apprend davantage, plus lentement</translation>
    </message>
    <message>
        <source>Levels of the encoder: deeper sees more context, needs larger crops</source>
        <translation>Niveaux de l&apos;encodeur : plus profond voit plus de contexte, demande des extraits plus grands</translation>
    </message>
    <message>
        <source>Random seed of the crops, cloud shapes and weights: the same seed repeats a run</source>
        <translation>Graine aléatoire des extraits, formes de nuages et poids : la même graine répète une exécution</translation>
    </message>
    <message>
        <source>At most this many training crops are drawn from the product</source>
        <translation>Au plus ce nombre d&apos;extraits d&apos;entraînement est tiré du produit</translation>
    </message>
    <message>
        <source>Also rotate the crops by 90° (besides flips): more variety, for scenes without a preferred direction</source>
        <translation>Tourner aussi les extraits de 90° (en plus des symétries) : plus de variété, pour les scènes sans direction privilégiée</translation>
    </message>
    <message>
        <source>Where the network trains: the CPU, or an NVIDIA GPU when LibTorch finds one</source>
        <translation>Où le réseau s&apos;entraîne : le CPU, ou un GPU NVIDIA si LibTorch en trouve un</translation>
    </message>
    <message>
        <source>The checkpoint written (the best epoch; the last one beside it as .last.pth)</source>
        <translation>Le checkpoint écrit (la meilleure époque ; la dernière à côté en .last.pth)</translation>
    </message>
    <message>
        <source>Choose where the checkpoint is saved</source>
        <translation>Choisir où le checkpoint est enregistré</translation>
    </message>
    <message>
        <source>Train on the current product&apos;s clear areas, hidden behind its own cloud shapes</source>
        <translation>S&apos;entraîner sur les zones dégagées du produit courant, masquées derrière ses propres formes de nuages</translation>
    </message>
    <message>
        <source>Pause after the current batch; press again to resume</source>
        <translation>Mettre en pause après le lot en cours ; appuyer de nouveau pour reprendre</translation>
    </message>
    <message>
        <source>Stop after the current batch; the best checkpoint so far is kept</source>
        <translation>Arrêter après le lot en cours ; le meilleur checkpoint obtenu est conservé</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis</source>
        <translation>Afficher la perte sur un axe logarithmique</translation>
    </message>
    <message>
        <source>Other dates of the same tile: the network starts from their temporal fill</source>
        <translation>Autres dates de la même tuile : le réseau part de leur remplissage temporel</translation>
    </message>
    <message>
        <source>clouds on other dates</source>
        <translation>nuages sur les autres dates</translation>
    </message>
    <message>
        <source>With a reference date, from scratch: half of the training crops get clouds on their other dates too, so the network also learns the pixels no date shows (as the general model did). Without it, reconstruction keeps temporal fill&apos;s inpainting there. A fine-tune keeps the general model&apos;s setting.</source>
        <translation>Avec une date de référence, depuis zéro : la moitié des découpes d&apos;entraînement reçoivent aussi des nuages sur leurs autres dates, le réseau apprend donc aussi les pixels qu&apos;aucune date ne montre (comme le modèle général). Sans cela, la reconstruction y garde l&apos;inpainting du remplissage temporel. Un affinage garde le réglage du modèle général.</translation>
    </message>
    <message>
        <source>%1 exists and is not a checkpoint: it is left as it is. Choose another name.</source>
        <translation>%1 existe et n’est pas un point de contrôle : il est laissé tel quel. Choisissez un autre nom.</translation>
    </message>
    <message>
        <source>Replace the Checkpoint</source>
        <translation>Remplacer le point de contrôle</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it with this run&apos;s checkpoint?</source>
        <translation>%1 existe déjà. Le remplacer par le point de contrôle de cette exécution ?</translation>
    </message>
    <message>
        <source>Fine-tuning the shipped general model needs only a few minutes; its network, crop size and inputs are kept. Its validation sees the product&apos;s clear ground under small holes, not its clouds: on real cities behind large clouds the one-date fine-tune rebuilt them worse than the general model as it ships.</source>
        <translation>L&apos;affinage du modèle général fourni ne prend que quelques minutes ; son réseau, sa taille de découpe et ses entrées sont conservés. Sa validation voit le sol dégagé du produit sous de petits trous, pas ses nuages : sur des villes réelles sous de grands nuages, l’affinage à une date les a reconstruits moins bien que le modèle général tel qu’il est livré.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::TrainWorker</name>
    <message>
        <source>Stopped. </source>
        <translation>Arrêté. </translation>
    </message>
    <message>
        <source>Done. </source>
        <translation>Terminé. </translation>
    </message>
    <message>
        <source>Best checkpoint: %1</source>
        <translation>Meilleur point de contrôle : %1</translation>
    </message>
    <message>
        <source>Stopped before training began.</source>
        <translation>Arrêté avant le début de l&apos;entraînement.</translation>
    </message>
    <message>
        <source>Stopped before the first validation: no checkpoint was written.</source>
        <translation>Arrêté avant la première validation : aucun checkpoint n&apos;a été écrit.</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::UserGuideDialog</name>
    <message>
        <source>Unclouded User Guide</source>
        <translation>Guide de l’utilisateur d’Unclouded</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
</context>
<context>
    <name>unclouded::ui::WelcomePage</name>
    <message>
        <source>&lt;h2&gt;Unclouded&lt;/h2&gt;&lt;p&gt;Rebuild the ground hidden under clouds in Sentinel-2 imagery.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Unclouded&lt;/h2&gt;&lt;p&gt;Reconstruire le sol caché sous les nuages dans les images Sentinel-2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open Product…</source>
        <translation>Ouvrir un produit…</translation>
    </message>
    <message>
        <source>A SAFE product (folder, .zip or MTD_MSIL*.xml) or a GeoTIFF</source>
        <translation>Un produit SAFE (dossier, .zip ou MTD_MSIL*.xml) ou un GeoTIFF</translation>
    </message>
    <message>
        <source>Open SAFE Folder…</source>
        <translation>Ouvrir un dossier SAFE…</translation>
    </message>
    <message>
        <source>Open the Demo</source>
        <translation>Ouvrir la démo</translation>
    </message>
    <message>
        <source>Run &apos;make run&apos; (or tools/make-demo.sh) once to generate the demo product</source>
        <translation>Lancez une fois &apos;make run&apos; (ou tools/make-demo.sh) pour générer le produit de démonstration</translation>
    </message>
    <message>
        <source>… or drop a .SAFE folder, a .zip, a folder of band files, a STAC item, a GeoTIFF or a parcels file on this window.</source>
        <translation>… ou déposez sur cette fenêtre un dossier .SAFE, un .zip, un dossier de fichiers de bandes, un item STAC, un GeoTIFF ou un fichier de parcelles.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent products&lt;/b&gt;</source>
        <translation>&lt;b&gt;Produits récents&lt;/b&gt;</translation>
    </message>
    <message>
        <source>None yet: the products you open appear here.</source>
        <translation>Aucun : les produits ouverts apparaîtront ici.</translation>
    </message>
    <message>
        <source>A .SAFE folder, or a folder of one GeoTIFF / COG / JP2 per band with its SCL</source>
        <translation>Un dossier .SAFE, ou un dossier d&apos;un GeoTIFF / COG / JP2 par bande avec sa SCL</translation>
    </message>
</context>
</TS>
