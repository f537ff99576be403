<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>unclouded::ui::AboutDialog</name>
    <message numerus="yes">
        <source>&lt;h2&gt;Unclouded %1&lt;/h2&gt;&lt;p&gt;Reconstructs the ground hidden under clouds in Sentinel-2 imagery.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;GDAL %3&lt;br&gt;LibTorch %4 (%n thread(s))&lt;br&gt;OpenCV %5&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;h2&gt;Unclouded %1&lt;/h2&gt;&lt;p&gt;Reconstructs the ground hidden under clouds in Sentinel-2 imagery.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;GDAL %3&lt;br&gt;LibTorch %4 (%n thread)&lt;br&gt;OpenCV %5&lt;/p&gt;</numerusform>
            <numerusform>&lt;h2&gt;Unclouded %1&lt;/h2&gt;&lt;p&gt;Reconstructs the ground hidden under clouds in Sentinel-2 imagery.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;GDAL %3&lt;br&gt;LibTorch %4 (%n threads)&lt;br&gt;OpenCV %5&lt;/p&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>unclouded::ui::EvalPanel</name>
    <message numerus="yes">
        <source>Evaluating %n method(s)…</source>
        <translation>
            <numerusform>Evaluating %n method…</numerusform>
            <numerusform>Evaluating %n methods…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hidden pixel(s) scored (%L1 % of the area).</source>
        <translation>
            <numerusform>%Ln hidden pixel scored (%L1 % of the area).</numerusform>
            <numerusform>%Ln hidden pixels scored (%L1 % of the area).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>unclouded::ui::FieldsPanel</name>
    <message numerus="yes">
        <source>%1: %n field(s) on the product (label: %2)</source>
        <translation>
            <numerusform>%1: %n field on the product (label: %2)</numerusform>
            <numerusform>%1: %n fields on the product (label: %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n repaired</source>
        <translation>
            <numerusform>%n repaired</numerusform>
            <numerusform>%n repaired</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n outside the product</source>
        <translation>
            <numerusform>%n outside the product</numerusform>
            <numerusform>%n outside the product</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped (not polygons or empty)</source>
        <translation>
            <numerusform>%n skipped (not a polygon or empty)</numerusform>
            <numerusform>%n skipped (not polygons or empty)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Computing the statistics of %n layer(s)…</source>
        <translation>
            <numerusform>Computing the statistics of %n layer…</numerusform>
            <numerusform>Computing the statistics of %n layers…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s) computed</source>
        <translation>
            <numerusform>%n layer computed</numerusform>
            <numerusform>%n layers computed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; — %2, %Ln pixel(s)&lt;br&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %2, %Ln pixel&lt;br&gt;</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %2, %Ln pixels&lt;br&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>unclouded::ui::PreferencesDialog</name>
    <message numerus="yes">
        <source>%n item(s), %1</source>
        <translation>
            <numerusform>%n item, %1</numerusform>
            <numerusform>%n items, %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>unclouded::ui::ReconPanel</name>
    <message numerus="yes">
        <source>Rebuilt %L1 % of the area in %L2 s (%L3 of %Ln window(s) skipped). Wrote %4</source>
        <translation>
            <numerusform>Rebuilt %L1 % of the area in %L2 s (%L3 of %Ln window skipped). Wrote %4</numerusform>
            <numerusform>Rebuilt %L1 % of the area in %L2 s (%L3 of %Ln windows skipped). Wrote %4</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>unclouded::ui::ReferenceCombo</name>
    <message numerus="yes">
        <source>All %n other date(s)</source>
        <translation>
            <numerusform>The other date</numerusform>
            <numerusform>All %n other dates</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>unclouded::ui::SearchPanel</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n unusable left out</source>
        <translation>
            <numerusform>; %n unusable left out</numerusform>
            <numerusform>; %n unusable left out</numerusform>
        </translation>
    </message>
</context>
</TS>
