// STAC API item search (stac.h): the request each catalogue understands, paging by "next" links, items
// parsed into date, tile, cloud cover, footprint and band assets.
#include "core/stac/stac.h"

#include <algorithm>
#include <cmath>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

#include "core/common/error.h"
#include "core/io/bandfolder_p.h"
#include "core/io/sentinel2.h"
#include "core/stac/http_p.h"

namespace unclouded::stac {

QList<Endpoint> presets()
{
    Endpoint es;
    es.name = QStringLiteral("earth-search");
    es.title = QStringLiteral("Element 84 Earth Search v1 (Sentinel-2 L2A COGs, no login)");
    es.url = QStringLiteral("https://earth-search.aws.element84.com/v1");
    es.collection = QStringLiteral("sentinel-2-l2a");
    es.post = true;
    es.cloudFilter = CloudFilter::Query;
    es.tileProperty = QStringLiteral("grid:code");

    // The catalogue filters by bbox, datetime and ids only (documentation.dataspace.copernicus.eu,
    // "STAC product catalogue"): cloud cover and tile are filtered here.
    Endpoint cdse;
    cdse.name = QStringLiteral("cdse");
    cdse.title = QStringLiteral("Copernicus Data Space Ecosystem (Sentinel-2 SAFE, login to download)");
    cdse.url = QStringLiteral("https://catalogue.dataspace.copernicus.eu/stac");
    cdse.collection = QStringLiteral("SENTINEL-2");
    cdse.post = false;
    cdse.cloudFilter = CloudFilter::ClientOnly;
    cdse.needsLogin = true;
    cdse.tokenUrl = QStringLiteral(
        "https://identity.dataspace.copernicus.eu/auth/realms/CDSE/protocol/openid-connect/token");
    cdse.tokenClientId = QStringLiteral("cdse-public");
    return { es, cdse };
}

std::optional<Endpoint> endpointFor(const QString& nameOrUrl)
{
    for (const Endpoint& e : presets())
        if (e.name.compare(nameOrUrl, Qt::CaseInsensitive) == 0)
            return e;
    const QUrl url(nameOrUrl);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || url.host().isEmpty())
        return std::nullopt;
    Endpoint e;
    e.title = nameOrUrl;
    e.url = nameOrUrl;
    while (e.url.endsWith(QLatin1Char('/')))
        e.url.chop(1);
    if (e.url.endsWith(QLatin1String("/search")))
        e.url.chop(7);
    for (const Endpoint& p : presets()) // a preset's URL given by hand keeps the preset's conventions
        if (p.url == e.url)
            return p;
    return e;
}

QString normalizeTile(const QString& tile)
{
    static const QRegularExpression re(
        QStringLiteral("^(?:MGRS-)?T?(\\d{1,2})([A-Za-z]{3})$"), QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(tile.trimmed());
    if (!m.hasMatch())
        return {};
    return QStringLiteral("T%1%2")
        .arg(m.captured(1).toInt(), 2, 10, QLatin1Char('0'))
        .arg(m.captured(2).toUpper());
}

bool BBox::isValid() const
{
    return std::isfinite(west) && std::isfinite(south) && std::isfinite(east) && std::isfinite(north)
        && west >= -180 && east <= 180 && south >= -90 && north <= 90 && west < east && south < north;
}

std::optional<BBox> BBox::parse(const QString& text)
{
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != 4)
        return std::nullopt;
    double v[4];
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        v[i] = parts[i].trimmed().toDouble(&ok);
        if (!ok)
            return std::nullopt;
    }
    BBox b { v[0], v[1], v[2], v[3] };
    if (!b.isValid())
        return std::nullopt;
    return b;
}

namespace {

void extendWith(const QJsonValue& coords, double& w, double& s, double& e, double& n)
{
    const QJsonArray a = coords.toArray();
    if (a.size() >= 2 && a.at(0).isDouble() && a.at(1).isDouble()) {
        w = std::min(w, a.at(0).toDouble());
        e = std::max(e, a.at(0).toDouble());
        s = std::min(s, a.at(1).toDouble());
        n = std::max(n, a.at(1).toDouble());
        return;
    }
    for (const QJsonValue& c : a)
        extendWith(c, w, s, e, n);
}

QList<QPointF> ring(const QJsonArray& coords)
{
    QList<QPointF> out;
    for (const QJsonValue& c : coords) {
        const QJsonArray p = c.toArray();
        if (p.size() >= 2)
            out << QPointF(p.at(0).toDouble(), p.at(1).toDouble());
    }
    return out;
}

} // namespace

BBox BBox::ofGeometry(const QJsonObject& geometry)
{
    double w = 1e9, s = 1e9, e = -1e9, n = -1e9;
    if (geometry.value(QStringLiteral("type")).toString() == QLatin1String("GeometryCollection")) {
        for (const QJsonValue& g : geometry.value(QStringLiteral("geometries")).toArray()) {
            const BBox b = ofGeometry(g.toObject());
            if (b.isValid()) {
                w = std::min(w, b.west), s = std::min(s, b.south);
                e = std::max(e, b.east), n = std::max(n, b.north);
            }
        }
    } else {
        extendWith(geometry.value(QStringLiteral("coordinates")), w, s, e, n);
    }
    return { w, s, e, n };
}

bool Asset::isCog() const
{
    const QString t = type.toLower();
    if (t.contains(QLatin1String("tiff")))
        return true;
    const QString path = QUrl(href).path().toLower();
    return path.endsWith(QLatin1String(".tif")) || path.endsWith(QLatin1String(".tiff"));
}

const Asset* Item::asset(const QString& key) const
{
    for (const Asset& a : assets)
        if (a.key == key)
            return &a;
    return nullptr;
}

namespace {

// A band name as a user types it: B2, B02, blue, nir08, SCL.
QString bandOf(const QString& name)
{
    if (name.compare(QLatin1String("scl"), Qt::CaseInsensitive) == 0)
        return QString::fromLatin1(io::kSclName);
    QString b = canonicalBandName(name);
    if (b.isEmpty())
        b = bandFromCommonName(name);
    return b;
}

// Higher is better: a COG over a JP2, the native (finest) resolution of a band over resampled copies.
int assetRank(const Asset& a)
{
    int rank = a.isCog() ? 1000 : 0;
    if (a.type.contains(QLatin1String("cloud-optimized"), Qt::CaseInsensitive))
        rank += 100;
    const int res = io::bandFromName(a.key).resolution;
    rank -= res > 0 ? res : 0;
    return rank;
}

} // namespace

QStringList unknownBandNames(const QStringList& bands)
{
    QStringList unknown;
    for (const QString& b : bands)
        if (!b.trimmed().isEmpty() && bandOf(b.trimmed()).isEmpty()) // "B04, " is B04
            unknown << b;
    return unknown;
}

QList<Asset> Item::bandAssets(const QStringList& bands) const
{
    QStringList wanted;
    bool named = false;
    for (const QString& b : bands) {
        named |= !b.trimmed().isEmpty();
        if (const QString c = bandOf(b.trimmed()); !c.isEmpty())
            wanted << c;
    }
    if (named && wanted.isEmpty()) // names of no band choose none, never every band
        return {};
    QMap<QString, Asset> best;
    for (const Asset& a : assets) {
        if (a.band.isEmpty() || (!wanted.isEmpty() && !wanted.contains(a.band)))
            continue;
        if (!best.contains(a.band) || assetRank(a) > assetRank(best[a.band]))
            best[a.band] = a;
    }
    // Band order (B01 ... B12, then SCL), not the catalogue's key order.
    QList<Asset> out = best.values();
    std::sort(out.begin(), out.end(), [](const Asset& x, const Asset& y) {
        auto order = [](const QString& b) {
            const int i = s2BandIndex(b);
            return i < 0 ? 100 : i;
        };
        return order(x.band) < order(y.band);
    });
    return out;
}

namespace {

QString resolveHref(const QString& base, const QString& href)
{
    if (href.isEmpty() || base.isEmpty())
        return href;
    const QUrl h(href);
    if (!h.scheme().isEmpty() && h.scheme().size() > 1) // http:, s3:, file: (not a drive letter)
        return href;
    if (href.startsWith(QLatin1String("/vsi")))
        return href;
    const QUrl b(base);
    if (b.scheme() == QLatin1String("http") || b.scheme() == QLatin1String("https"))
        return b.resolved(h).toString();
    if (QDir::isAbsolutePath(href))
        return href;
    return QDir::cleanPath(QFileInfo(base).absolutePath() + QLatin1Char('/') + href);
}

QDateTime parseTime(const QString& s)
{
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(s, Qt::ISODate);
    if (t.isValid())
        t = t.toUTC();
    return t;
}

QString tileOf(const QJsonObject& p, const QString& id)
{
    for (const char* k : { "s2:mgrs_tile", "sentinel:mgrs_tile", "tileId" })
        if (const QString t = normalizeTile(p.value(QLatin1String(k)).toString()); !t.isEmpty())
            return t;
    if (p.contains(QStringLiteral("mgrs:utm_zone"))) {
        const QString t = normalizeTile(QStringLiteral("%1%2%3")
                                            .arg(p.value(QStringLiteral("mgrs:utm_zone")).toInt())
                                            .arg(p.value(QStringLiteral("mgrs:latitude_band")).toString(),
                                                p.value(QStringLiteral("mgrs:grid_square")).toString()));
        if (!t.isEmpty())
            return t;
    }
    if (const QString t = normalizeTile(p.value(QStringLiteral("grid:code")).toString()); !t.isEmpty())
        return t;
    // S2B_MSIL2A_20230615T102021_N0509_R065_T33UUU_20230615T134805.SAFE, S2B_33UUU_20230615_0_L2A
    static const QRegularExpression inId(QStringLiteral("(?:^|_)(T?\\d{2}[A-Z]{3})(?:_|\\.|$)"));
    return normalizeTile(inId.match(id).captured(1));
}

Asset parseAsset(const QString& key, const QJsonObject& a, const QString& baseUrl)
{
    Asset out;
    out.key = key;
    QString href = a.value(QStringLiteral("href")).toString();
    // Cloud-bucket links (s3://, gs://) need the provider's credentials; an https twin from the
    // alternate-assets extension reads anywhere and downloads. So does an asset with only alternates.
    const QString scheme = QUrl(href).scheme().toLower();
    if (href.isEmpty() || scheme == QLatin1String("s3") || scheme == QLatin1String("gs")) {
        const QJsonObject alternates = a.value(QStringLiteral("alternate")).toObject();
        QStringList keys = alternates.keys();
        keys.removeAll(QStringLiteral("https"));
        keys.prepend(QStringLiteral("https"));
        for (const QString& k : keys) {
            const QString alt = alternates.value(k).toObject().value(QStringLiteral("href")).toString();
            if (alt.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)
                || alt.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)) {
                href = alt;
                break;
            }
        }
    }
    out.href = resolveHref(baseUrl, href);
    out.type = a.value(QStringLiteral("type")).toString();
    out.title = a.value(QStringLiteral("title")).toString();
    for (const QJsonValue& r : a.value(QStringLiteral("roles")).toArray())
        out.roles << r.toString();
    QJsonArray eo = a.value(QStringLiteral("eo:bands")).toArray();
    if (eo.isEmpty())
        eo = a.value(QStringLiteral("bands")).toArray(); // STAC 1.1
    for (const QJsonValue& b : eo)
        out.bandNames << b.toObject().value(QStringLiteral("name")).toString();
    out.checksum = a.value(QStringLiteral("file:checksum")).toString().toLatin1().toLower();
    if (a.value(QStringLiteral("file:size")).isDouble())
        out.size = static_cast<qint64>(a.value(QStringLiteral("file:size")).toDouble());

    // A band only for a one-band raster with the data role (never the visual image, a thumbnail, an
    // aerosol or water-vapour layer).
    const QString t = out.type.toLower();
    const QString path = QUrl(out.href).path().toLower();
    const bool raster = t.contains(QLatin1String("tiff")) || t.contains(QLatin1String("jp2"))
        || path.endsWith(QLatin1String(".tif")) || path.endsWith(QLatin1String(".tiff"))
        || path.endsWith(QLatin1String(".jp2"));
    if (!raster || (!out.roles.isEmpty() && !out.roles.contains(QLatin1String("data"))) || eo.size() > 1)
        return out;
    const io::NamedBand fromKey = io::bandFromName(key);
    if (fromKey.ignored)
        return out;
    if (eo.size() == 1) {
        const QJsonObject b = eo.at(0).toObject();
        out.band = bandOf(b.value(QStringLiteral("name")).toString());
        for (const char* k : { "common_name", "eo:common_name" })
            if (out.band.isEmpty())
                out.band = bandFromCommonName(b.value(QLatin1String(k)).toString());
    }
    if (out.band.isEmpty())
        out.band = fromKey.scl ? QString::fromLatin1(io::kSclName) : fromKey.band;
    return out;
}

} // namespace

Item parseItem(const QJsonObject& f, const QString& baseUrl, const QString& where)
{
    Item it;
    it.json = f;
    it.id = f.value(QStringLiteral("id")).toString();
    if (it.id.isEmpty())
        throw Error(QStringLiteral("%1: a feature without an \"id\" is not a STAC item").arg(where));
    if (!f.value(QStringLiteral("assets")).isObject())
        throw Error(QStringLiteral("%1: item %2 has no \"assets\" object").arg(where, it.id));
    const QJsonObject p = f.value(QStringLiteral("properties")).toObject();
    it.collection = f.value(QStringLiteral("collection")).toString();
    it.datetime = parseTime(p.value(QStringLiteral("datetime")).toString());
    if (!it.datetime.isValid())
        it.datetime = parseTime(p.value(QStringLiteral("start_datetime")).toString());
    it.tile = tileOf(p, it.id);
    if (p.value(QStringLiteral("eo:cloud_cover")).isDouble())
        it.cloudCover = p.value(QStringLiteral("eo:cloud_cover")).toDouble();
    it.geometry = f.value(QStringLiteral("geometry")).toObject();
    const QString gt = it.geometry.value(QStringLiteral("type")).toString();
    const QJsonArray coords = it.geometry.value(QStringLiteral("coordinates")).toArray();
    if (gt == QLatin1String("Polygon") && !coords.isEmpty())
        it.footprint << ring(coords.at(0).toArray());
    else if (gt == QLatin1String("MultiPolygon"))
        for (const QJsonValue& poly : coords)
            if (!poly.toArray().isEmpty())
                it.footprint << ring(poly.toArray().at(0).toArray());
    const QJsonArray bb = f.value(QStringLiteral("bbox")).toArray();
    if (bb.size() == 4)
        it.bbox = { bb[0].toDouble(), bb[1].toDouble(), bb[2].toDouble(), bb[3].toDouble() };
    else if (bb.size() == 6)
        it.bbox = { bb[0].toDouble(), bb[1].toDouble(), bb[3].toDouble(), bb[4].toDouble() };
    else
        it.bbox = BBox::ofGeometry(it.geometry);
    for (const QJsonValue& l : f.value(QStringLiteral("links")).toArray())
        if (l.toObject().value(QStringLiteral("rel")).toString() == QLatin1String("self"))
            it.selfHref = resolveHref(baseUrl, l.toObject().value(QStringLiteral("href")).toString());
    // Where a login may belong: the catalogue it was fetched from, before what the item says of itself.
    for (const QString& h : { baseUrl, it.selfHref })
        if (it.home.isEmpty()
            && (h.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)
                || h.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)))
            it.home = h;
    const QJsonObject assets = f.value(QStringLiteral("assets")).toObject();
    for (auto a = assets.begin(); a != assets.end(); ++a) {
        it.assets << parseAsset(a.key(), a.value().toObject(), baseUrl);
        const Asset& last = it.assets.constLast();
        if (it.thumbnail.isEmpty()
            && (last.roles.contains(QLatin1String("thumbnail"))
                || a.key().compare(QLatin1String("thumbnail"), Qt::CaseInsensitive) == 0))
            it.thumbnail = last.href;
    }
    return it;
}

namespace {

QString datetimeRange(const QDate& from, const QDate& to)
{
    if (!from.isValid() && !to.isValid())
        return {};
    const QString a
        = from.isValid() ? from.toString(Qt::ISODate) + QStringLiteral("T00:00:00Z") : QStringLiteral("..");
    const QString b
        = to.isValid() ? to.toString(Qt::ISODate) + QStringLiteral("T23:59:59Z") : QStringLiteral("..");
    return a + QLatin1Char('/') + b;
}

QStringList collectionsOf(const SearchParams& p)
{
    return p.collections.isEmpty() ? QStringList { p.endpoint.collection } : p.collections;
}

} // namespace

QJsonObject searchBody(const SearchParams& p)
{
    QJsonObject body;
    body[QStringLiteral("collections")] = QJsonArray::fromStringList(collectionsOf(p));
    if (!p.intersects.isEmpty())
        body[QStringLiteral("intersects")] = p.intersects;
    else if (p.bbox)
        body[QStringLiteral("bbox")]
            = QJsonArray { p.bbox->west, p.bbox->south, p.bbox->east, p.bbox->north };
    if (const QString dt = datetimeRange(p.from, p.to); !dt.isEmpty())
        body[QStringLiteral("datetime")] = dt;
    body[QStringLiteral("limit")] = std::max(1, std::min(p.pageSize, p.limit));
    body[QStringLiteral("sortby")]
        = QJsonArray { QJsonObject { { QStringLiteral("field"), QStringLiteral("properties.datetime") },
            { QStringLiteral("direction"), QStringLiteral("desc") } } };
    const QString tile = normalizeTile(p.tile);
    // Zones 1-9 are written both ways: Earth Search's grid:code has "MGRS-9VWK", stactools' newer
    // items "MGRS-09VWK" (element84/earth-search#63); an equality on one form missed the other.
    QStringList tileValues { tile.mid(1) };
    if (tile.startsWith(QLatin1String("T0")))
        tileValues << tile.mid(2);
    if (p.endpoint.tileProperty == QLatin1String("grid:code"))
        for (QString& v : tileValues)
            v.prepend(QStringLiteral("MGRS-"));
    const bool tileOnServer = !tile.isEmpty() && !p.endpoint.tileProperty.isEmpty();
    if (p.endpoint.cloudFilter == CloudFilter::Query) {
        QJsonObject q;
        if (p.maxCloud >= 0)
            q[QStringLiteral("eo:cloud_cover")] = QJsonObject { { QStringLiteral("lte"), p.maxCloud } };
        if (tileOnServer)
            q[p.endpoint.tileProperty] = tileValues.size() == 1
                ? QJsonObject { { QStringLiteral("eq"), tileValues.first() } }
                : QJsonObject { { QStringLiteral("in"), QJsonArray::fromStringList(tileValues) } };
        if (!q.isEmpty())
            body[QStringLiteral("query")] = q;
    } else if (p.endpoint.cloudFilter == CloudFilter::Cql2) {
        QJsonArray args;
        if (p.maxCloud >= 0)
            args.append(QJsonObject { { QStringLiteral("op"), QStringLiteral("<=") },
                { QStringLiteral("args"),
                    QJsonArray {
                        QJsonObject { { QStringLiteral("property"), QStringLiteral("eo:cloud_cover") } },
                        p.maxCloud } } });
        if (tileOnServer) {
            const QJsonObject property { { QStringLiteral("property"), p.endpoint.tileProperty } };
            args.append(tileValues.size() == 1
                    ? QJsonObject { { QStringLiteral("op"), QStringLiteral("=") },
                        { QStringLiteral("args"), QJsonArray { property, tileValues.first() } } }
                    : QJsonObject { { QStringLiteral("op"), QStringLiteral("in") },
                        { QStringLiteral("args"),
                            QJsonArray { property, QJsonArray::fromStringList(tileValues) } } });
        }
        if (!args.isEmpty()) {
            body[QStringLiteral("filter-lang")] = QStringLiteral("cql2-json");
            body[QStringLiteral("filter")] = args.size() == 1
                ? args.at(0).toObject()
                : QJsonObject { { QStringLiteral("op"), QStringLiteral("and") },
                      { QStringLiteral("args"), args } };
        }
    }
    return body;
}

namespace {

// A GET search: the body's members as STAC API query parameters.
QUrl getUrl(const QString& searchUrl, const QJsonObject& body)
{
    QUrl url(searchUrl);
    QUrlQuery q(url);
    for (auto it = body.begin(); it != body.end(); ++it) {
        const QJsonValue v = it.value();
        QString text;
        if (it.key() == QLatin1String("collections") || it.key() == QLatin1String("bbox")) {
            QStringList parts;
            for (const QJsonValue& e : v.toArray())
                parts << (e.isDouble() ? QString::number(e.toDouble(), 'g', 12) : e.toString());
            text = parts.join(QLatin1Char(','));
        } else if (it.key() == QLatin1String("sortby")) {
            const QJsonObject s = v.toArray().at(0).toObject();
            QString field = s.value(QStringLiteral("field")).toString();
            field.remove(QStringLiteral("properties."));
            text = (s.value(QStringLiteral("direction")).toString() == QLatin1String("desc")
                           ? QStringLiteral("-")
                           : QStringLiteral("+"))
                + field;
        } else if (v.isString()) {
            text = v.toString();
        } else if (v.isDouble()) {
            text = QString::number(v.toDouble(), 'g', 12);
        } else {
            text = QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
        }
        q.addQueryItem(it.key(), QString::fromUtf8(QUrl::toPercentEncoding(text, ",/:")));
    }
    url.setQuery(q);
    return url;
}

QJsonObject parseJson(const QByteArray& bytes, const QString& where)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError)
        throw Error(QStringLiteral("%1: malformed JSON (%2 at byte %3)")
                        .arg(where, err.errorString())
                        .arg(err.offset));
    if (!doc.isObject())
        throw Error(QStringLiteral("%1: the JSON is not an object").arg(where));
    return doc.object();
}

struct Page
{
    HttpRequest request;
    QJsonObject body; // the POST body, for merging
};

} // namespace

SearchResult search(const SearchParams& p, const Progress& progress)
{
    if (p.endpoint.url.isEmpty())
        throw Error(QStringLiteral("No STAC API endpoint given"));
    const QString searchUrl = p.endpoint.url + QStringLiteral("/search");
    Http http(p.timeoutMs, p.authorization, progress);
    const QString wantTile = normalizeTile(p.tile);

    Page page;
    page.body = searchBody(p);
    if (p.endpoint.post) {
        page.request.url = QUrl(searchUrl);
        page.request.method = "POST";
        page.request.body = QJsonDocument(page.body).toJson(QJsonDocument::Compact);
    } else {
        // GET cannot carry a geometry everywhere: its bounding box instead.
        QJsonObject b = page.body;
        if (b.contains(QStringLiteral("intersects"))) {
            const BBox box = BBox::ofGeometry(b.take(QStringLiteral("intersects")).toObject());
            b[QStringLiteral("bbox")] = QJsonArray { box.west, box.south, box.east, box.north };
        }
        page.request.url = getUrl(searchUrl, b);
    }

    SearchResult result;
    QSet<QString> seen; // a next link that repeats a request would loop forever
    while (true) {
        const QString where = page.request.url.toString()
            + (page.request.method == "POST" ? QStringLiteral(" (POST)") : QString());
        const QString key = QString::fromUtf8(
            page.request.method + ' ' + page.request.url.toEncoded() + ' ' + page.request.body);
        if (seen.contains(key))
            break;
        seen.insert(key);
        progress.report(std::min(0.95, result.items.size() / double(std::max(1, p.limit))),
            QStringLiteral("Searching %1 (page %2)").arg(p.endpoint.title).arg(result.pages + 1));
        const HttpResponse r = http.fetch(page.request);
        const QJsonObject o = parseJson(r.body, where);
        if (!o.value(QStringLiteral("features")).isArray())
            throw Error(QStringLiteral("%1: not a STAC search response (no \"features\" array)").arg(where));
        ++result.pages;
        if (result.matched < 0) {
            if (o.value(QStringLiteral("numberMatched")).isDouble())
                result.matched = o.value(QStringLiteral("numberMatched")).toInt();
            else if (o.value(QStringLiteral("context"))
                         .toObject()
                         .value(QStringLiteral("matched"))
                         .isDouble())
                result.matched
                    = o.value(QStringLiteral("context")).toObject().value(QStringLiteral("matched")).toInt();
        }
        const QString base = r.finalUrl.toString(); // after redirects: relative links resolve there
        for (const QJsonValue& f : o.value(QStringLiteral("features")).toArray()) {
            Item item;
            try {
                item = parseItem(f.toObject(), base, where);
            } catch (const Error& e) { // one broken feature does not lose the page
                result.skipped << e.message();
                continue;
            }
            if ((p.maxCloud >= 0 && item.cloudCover > p.maxCloud)
                || (!wantTile.isEmpty() && !item.tile.isEmpty() && item.tile != wantTile)) {
                ++result.droppedByFilter;
                continue;
            }
            if (result.items.size() < p.limit)
                result.items << item;
            else
                result.truncated = true;
        }

        QJsonObject next;
        for (const QJsonValue& l : o.value(QStringLiteral("links")).toArray())
            if (l.toObject().value(QStringLiteral("rel")).toString() == QLatin1String("next"))
                next = l.toObject();
        if (next.isEmpty())
            break;
        if (result.items.size() >= p.limit || result.pages >= p.maxPages) {
            result.truncated = true;
            break;
        }
        const QString href = next.value(QStringLiteral("href")).toString();
        if (href.isEmpty())
            break;
        Page following;
        following.request.url = QUrl(base).resolved(QUrl(href));
        following.request.method
            = next.value(QStringLiteral("method")).toString(QStringLiteral("GET")).toUpper().toLatin1();
        if (following.request.method == "POST") {
            QJsonObject body = next.value(QStringLiteral("body")).toObject();
            if (next.value(QStringLiteral("merge")).toBool()) {
                QJsonObject merged = page.body;
                for (auto it = body.begin(); it != body.end(); ++it)
                    merged[it.key()] = it.value();
                body = merged;
            }
            following.body = body;
            following.request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        }
        const QJsonObject headers = next.value(QStringLiteral("headers")).toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it)
            following.request.headers.append({ it.key().toLatin1(), it.value().toString().toLatin1() });
        page = following;
    }
    if (result.items.isEmpty() && result.droppedByFilter == 0 && !result.skipped.isEmpty())
        throw Error(result.skipped.constFirst()); // nothing usable: the answer itself is wrong
    progress.report(1.0, QStringLiteral("Found %1 items").arg(result.items.size()));
    return result;
}

QList<Item> loadItems(
    const QString& fileOrUrl, const Progress& progress, int timeoutMs, const QByteArray& authorization)
{
    QByteArray bytes;
    QString base = fileOrUrl;
    const bool remote = fileOrUrl.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
        || fileOrUrl.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
    if (remote) {
        Http http(timeoutMs, authorization, progress);
        HttpRequest req;
        req.url = QUrl(fileOrUrl);
        const HttpResponse r = http.fetch(req);
        bytes = r.body;
        base = r.finalUrl.toString(); // relative asset links resolve where the item was found
    } else {
        QFile f(fileOrUrl);
        if (!f.open(QIODevice::ReadOnly))
            throw Error(QStringLiteral("Cannot read %1: %2").arg(fileOrUrl, f.errorString()));
        bytes = f.readAll();
        base = QFileInfo(fileOrUrl).absoluteFilePath();
    }
    const QJsonObject o = parseJson(bytes, fileOrUrl);
    QList<Item> out;
    if (o.value(QStringLiteral("features")).isArray()) {
        for (const QJsonValue& f : o.value(QStringLiteral("features")).toArray())
            out << parseItem(f.toObject(), base, fileOrUrl);
    } else {
        if (!o.value(QStringLiteral("assets")).isObject())
            throw Error(QStringLiteral("%1 is neither a STAC item (no \"assets\") nor a search result (no "
                                       "\"features\")")
                            .arg(fileOrUrl));
        out << parseItem(o, base, fileOrUrl);
    }
    return out;
}

namespace {

Token tokenRequest(
    const Endpoint& e, const QList<QPair<QString, QString>>& fields, const Progress& progress, int timeoutMs)
{
    if (e.tokenUrl.isEmpty())
        throw Error(QStringLiteral("%1 has no login service").arg(e.title));
    QUrlQuery form;
    for (const auto& [k, v] : fields)
        form.addQueryItem(k, QString::fromUtf8(QUrl::toPercentEncoding(v)));
    HttpRequest req;
    req.url = QUrl(e.tokenUrl);
    req.method = "POST";
    req.body = form.toString(QUrl::FullyEncoded).toUtf8();
    req.headers.append(
        qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
    Http http(timeoutMs, {}, progress);
    const QJsonObject o = parseJson(http.fetch(req).body, e.tokenUrl);
    Token t;
    t.access = o.value(QStringLiteral("access_token")).toString().toLatin1();
    t.refresh = o.value(QStringLiteral("refresh_token")).toString().toLatin1();
    if (o.value(QStringLiteral("expires_in")).isDouble())
        t.expires = QDateTime::currentDateTimeUtc().addSecs(o.value(QStringLiteral("expires_in")).toInt());
    if (t.access.isEmpty())
        throw Error(QStringLiteral("%1: the answer holds no access_token").arg(e.tokenUrl));
    return t;
}

} // namespace

Token fetchToken(
    const Endpoint& e, const QString& user, const QString& password, const Progress& progress, int timeoutMs)
{
    return tokenRequest(e,
        { { QStringLiteral("grant_type"), QStringLiteral("password") }, { QStringLiteral("username"), user },
            { QStringLiteral("password"), password }, { QStringLiteral("client_id"), e.tokenClientId } },
        progress, timeoutMs);
}

Token refreshToken(const Endpoint& e, const QByteArray& refresh, const Progress& progress, int timeoutMs)
{
    return tokenRequest(e,
        { { QStringLiteral("grant_type"), QStringLiteral("refresh_token") },
            { QStringLiteral("refresh_token"), QString::fromLatin1(refresh) },
            { QStringLiteral("client_id"), e.tokenClientId } },
        progress, timeoutMs);
}

QByteArray fetchBytes(const QString& urlOrPath, const Progress& progress, int timeoutMs,
    const QByteArray& authorization, qint64 maxBytes)
{
    if (urlOrPath.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
        || urlOrPath.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)) {
        Http http(timeoutMs, authorization, progress);
        QByteArray out;
        HttpRequest req;
        req.url = QUrl(urlOrPath);
        http.stream(req, {}, [&](const QByteArray& chunk) {
            out += chunk;
            if (out.size() > maxBytes)
                throw Error(QStringLiteral("%1 is larger than %2 bytes").arg(urlOrPath).arg(maxBytes));
        });
        return out;
    }
    QFile f(urlOrPath.startsWith(QLatin1String("file:")) ? QUrl(urlOrPath).toLocalFile() : urlOrPath);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(QStringLiteral("Cannot read %1: %2").arg(urlOrPath, f.errorString()));
    if (f.size() > maxBytes)
        throw Error(QStringLiteral("%1 is larger than %2 bytes").arg(urlOrPath).arg(maxBytes));
    return f.readAll();
}

QByteArray authorizationFromEnvironment()
{
    const QByteArray header = qgetenv("UNCLOUDED_AUTHORIZATION");
    if (!header.isEmpty())
        return header;
    const QByteArray token = qgetenv("UNCLOUDED_TOKEN");
    return token.isEmpty() ? QByteArray() : "Bearer " + token;
}

QJsonObject toFeatureCollection(const QList<Item>& items)
{
    QJsonArray features;
    for (const Item& i : items) {
        QJsonObject f = i.json;
        // Hrefs as resolved, so the saved file still points at the assets from another folder.
        QJsonObject assets = f.value(QStringLiteral("assets")).toObject();
        for (const Asset& a : i.assets) {
            QJsonObject ao = assets.value(a.key).toObject();
            ao[QStringLiteral("href")] = a.href;
            assets[a.key] = ao;
        }
        f[QStringLiteral("assets")] = assets;
        features.append(f);
    }
    return QJsonObject { { QStringLiteral("type"), QStringLiteral("FeatureCollection") },
        { QStringLiteral("features"), features } };
}

} // namespace unclouded::stac
