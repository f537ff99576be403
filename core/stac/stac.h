// STAC API item search: the request a catalogue understands (POST JSON or GET parameters), paging by
// its "next" links, items parsed into what a user chooses by (date, tile, cloud cover, footprint,
// assets). Blocking calls for a job (a worker thread or the CLI), cancelled through Progress.
#pragma once

#include <optional>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "core/common/progress.h"

namespace unclouded {
struct ProductInfo;
}

namespace unclouded::stac {

// How a catalogue takes a cloud-cover limit.
enum class CloudFilter {
    Query, // the query extension: {"query": {"eo:cloud_cover": {"lte": N}}} (Earth Search)
    Cql2, // a CQL2-JSON filter: {"filter-lang": "cql2-json", "filter": {"op": "<=", ...}}
    ClientOnly, // none on the server: items over the limit are dropped here (CDSE's catalogue)
};

struct Endpoint
{
    QString name; // preset key: "earth-search", "cdse"; empty for a URL given by hand
    QString title;
    QString url; // the API root; search is {url}/search
    QString collection; // the Sentinel-2 L2A collection there
    bool post = true; // POST a JSON body (STAC API), else GET with query parameters
    CloudFilter cloudFilter = CloudFilter::Query;
    // The property a tile filter goes to on the server ("grid:code" = "MGRS-33UUU", "s2:mgrs_tile" =
    // "33UUU"); empty: tiles are filtered here only.
    QString tileProperty;
    bool needsLogin = false; // assets are not readable without credentials
    // OpenID Connect token endpoint that trades a login for a bearer token (CDSE); empty: none.
    QString tokenUrl;
    QString tokenClientId;
};

// Element 84 Earth Search v1 (COGs on S3, no login) and the Copernicus Data Space Ecosystem (SAFE,
// a login to download).
QList<Endpoint> presets();
// A preset by key ("earth-search", "cdse"), or an http(s) URL taken as a STAC API (POST search, the
// query extension, tiles filtered here); nullopt otherwise.
std::optional<Endpoint> endpointFor(const QString& nameOrUrl);

// "33UUU" / "T33UUU" / "t33uuu" -> "T33UUU"; empty when not an MGRS tile.
QString normalizeTile(const QString& tile);

// lon / lat in degrees (EPSG:4326), west, south, east, north.
struct BBox
{
    double west = 0, south = 0, east = 0, north = 0;
    bool isValid() const;
    // "W,S,E,N"; nullopt when malformed or not a valid box.
    static std::optional<BBox> parse(const QString& text);
    // The bounding box of a GeoJSON geometry (Polygon, MultiPolygon, ...); invalid when it has none.
    static BBox ofGeometry(const QJsonObject& geometry);
};

// The lon / lat extent of every feature of a vector file (GeoJSON, GeoPackage, Shapefile, KML: any
// OGR format), reprojected from its CRS; throws Error naming the file when it has no geometry.
BBox aoiFromFile(const QString& path);

// A rectangle of a product's 10 m grid (pixel units) as a lon / lat box (its corners and edges
// transformed); invalid when the product has no CRS.
BBox gridRectToLonLat(const ProductInfo& info, double x, double y, double w, double h);
// Lon / lat points on a product's 10 m grid (pixel units); empty when the product has no CRS.
QList<QPointF> lonLatToGrid(const ProductInfo& info, const QList<QPointF>& lonLat);

struct SearchParams
{
    Endpoint endpoint;
    QStringList collections; // empty: the endpoint's collection
    std::optional<BBox> bbox;
    QJsonObject intersects; // a GeoJSON geometry; used instead of bbox when set
    QDate from, to; // inclusive days (UTC); invalid = open
    double maxCloud = -1; // percent; < 0: no limit
    QString tile; // MGRS tile, "33UUU" or "T33UUU"; empty: any
    int limit = 50; // items wanted in all
    int pageSize = 50; // items per request
    int maxPages = 20; // a catalogue that keeps answering "next" is cut off here
    int timeoutMs = 30000; // no byte for this long: the request fails
    QByteArray authorization; // an Authorization header value, when the catalogue wants one
};

struct Asset
{
    QString key;
    QString href; // as the item gives it (absolute after parseItem with a base URL)
    QString type;
    QString title;
    QStringList roles;
    QStringList bandNames; // eo:bands names
    QString band; // the Sentinel-2 band this asset holds (B02 ... B12, SCL), empty when none
    QByteArray checksum; // file:checksum, a multihash in hex ("1220" + sha256)
    qint64 size = -1; // file:size
    bool isCog() const;
};

struct Item
{
    QString id;
    QString collection;
    QDateTime datetime; // UTC
    QString tile; // "T33UUU", empty when the item does not say
    double cloudCover = -1;
    QJsonObject geometry; // GeoJSON footprint
    QList<QList<QPointF>> footprint; // the outer rings, lon / lat
    BBox bbox;
    QList<Asset> assets;
    QString thumbnail; // href, empty when none
    QString selfHref; // the item's own URL when the catalogue links it
    // The http(s) URL it was fetched from (else its self link): the site a login for it belongs to
    // (loginMayReach); empty when it came from a file without one.
    QString home;
    QJsonObject json; // the item as the catalogue sent it

    const Asset* asset(const QString& key) const;
    // The best asset per band (a COG before a JP2), SCL included; bands empty = every band.
    QList<Asset> bandAssets(const QStringList& bands = {}) const;
};

// The names among bands that name no Sentinel-2 band: not B01-B12 / B8A (B2 too), SCL, nor a common
// name (blue, nir08, swir16 ...).
QStringList unknownBandNames(const QStringList& bands);

// One item from its GeoJSON Feature; relative hrefs resolved against baseUrl (the item's location).
// Throws Error naming where when it is no item (no id / no assets).
Item parseItem(const QJsonObject& feature, const QString& baseUrl, const QString& where);

// The first request of a search: the JSON body for POST (also what a GET encodes as parameters).
QJsonObject searchBody(const SearchParams& params);

struct SearchResult
{
    QList<Item> items; // in the order the catalogue sent them (date, newest first)
    int matched = -1; // numberMatched / context.matched when the catalogue says
    int pages = 0;
    int droppedByFilter = 0; // items the catalogue returned that were over the cloud limit / other tile
    // Features that are no usable item (no "assets", no "id"), each with why: left out rather than
    // failing the search (an error only when no feature at all was usable).
    QStringList skipped;
    bool truncated = false; // stopped at limit or maxPages with more to come
};

// Runs the search, following "next" links (GET or POST, body merged when the link says so) until
// limit items, no next link or maxPages. Throws Error naming the URL and the problem (HTTP status,
// time-out, malformed JSON, not a search response); Cancelled when progress is cancelled.
SearchResult search(const SearchParams& params, const Progress& progress = {});

// The items of a local JSON file or an http(s) URL: one item, or a FeatureCollection (a search result
// saved with toFeatureCollection / `unclouded-cli search --json`).
QList<Item> loadItems(const QString& fileOrUrl, const Progress& progress = {}, int timeoutMs = 30000,
    const QByteArray& authorization = {});

// url for a message: without user info, and without its query when that holds a signature or token
// (a presigned S3 / Azure SAS link), which would otherwise reach logs and the dock.
QString redactedUrl(const QUrl& url);

// Whether a login meant for `home` (the catalogue or item it came with, Item::home; invalid:
// unknown) may be sent to `to`: the same host, else https only, a host under home's parent domain,
// never a sibling under a shared storage or hosting domain (another bucket); with no home, any https
// host but those.
bool loginMayReach(const QUrl& home, const QUrl& to);

// The Authorization header value for catalogues and assets that want a login, from the environment:
// UNCLOUDED_AUTHORIZATION (a whole value) or UNCLOUDED_TOKEN (a bearer token); empty when neither.
// Never from an argument (other users see the process list) nor a file in plain text.
QByteArray authorizationFromEnvironment();

// A bearer token from an OpenID Connect token endpoint (CDSE's identity service: client "cdse-public",
// grant "password"; the access token lives ~10 minutes, the refresh token longer).
struct Token
{
    QByteArray access, refresh;
    QDateTime expires; // UTC; invalid when the service did not say
    QByteArray authorization() const { return "Bearer " + access; }
};
// Logs in; throws Error naming the URL and the problem (401 / 400: wrong user or password).
Token fetchToken(const Endpoint& endpoint, const QString& user, const QString& password,
    const Progress& progress = {}, int timeoutMs = 30000);
// A new access token from a refresh token (before it expires); throws Error like fetchToken.
Token refreshToken(const Endpoint& endpoint, const QByteArray& refresh, const Progress& progress = {},
    int timeoutMs = 30000);

// The bytes of a small file (a thumbnail) from an http(s) URL or a local path; throws Error naming it
// when it cannot be read or is larger than maxBytes.
QByteArray fetchBytes(const QString& urlOrPath, const Progress& progress = {}, int timeoutMs = 30000,
    const QByteArray& authorization = {}, qint64 maxBytes = 16 << 20);

// A search result as JSON (a FeatureCollection of the items as sent).
QJsonObject toFeatureCollection(const QList<Item>& items);

} // namespace unclouded::stac
