// unclouded-cli search / download: STAC API item search (a table or the items as JSON) and downloads of
// items' bands, whole or only an AOI, into a cache folder.
#include <cstdio>
#include <termios.h>
#include <unistd.h>

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QJsonDocument>
#include <QTextStream>
#include <QUrl>

#include "cli/clicommon.h"
#include "core/stac/download.h"
#include "core/stac/stac.h"

namespace unclouded::cli {

namespace {

// A password typed on the terminal without echo; empty when stdin is no terminal.
QString askPassword(const QString& user)
{
    if (!isatty(STDIN_FILENO))
        return {};
    err() << "Password for " << user << ": ";
    err().flush();
    termios old {};
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    char buf[1024] = {};
    const bool got = std::fgets(buf, sizeof buf, stdin) != nullptr;
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    err() << "\n";
    err().flush();
    return got ? QString::fromLocal8Bit(buf).trimmed() : QString();
}

bool readTimeout(const QCommandLineParser& p, int& ms)
{
    if (!p.isSet(QStringLiteral("timeout")))
        return true;
    bool ok = false;
    const double s = p.value(QStringLiteral("timeout")).toDouble(&ok);
    if (!ok || s <= 0 || s > 3600)
        return false;
    ms = static_cast<int>(s * 1000);
    return true;
}

// --bbox W,S,E,N or --aoi-from FILE; false with message set when wrong.
bool readAoi(const QCommandLineParser& p, std::optional<stac::BBox>& aoi, QString& message)
{
    if (p.isSet(QStringLiteral("bbox")) && p.isSet(QStringLiteral("aoi-from"))) {
        message = QStringLiteral("give --bbox or --aoi-from, not both");
        return false;
    }
    if (p.isSet(QStringLiteral("bbox"))) {
        aoi = stac::BBox::parse(p.value(QStringLiteral("bbox")));
        if (!aoi) {
            message = QStringLiteral("--bbox must be WEST,SOUTH,EAST,NORTH in degrees (west < east, south < "
                                     "north), not '%1'")
                          .arg(p.value(QStringLiteral("bbox")));
            return false;
        }
    }
    return true;
}

void addAoiOptions(QCommandLineParser& p)
{
    p.addOption({ QStringLiteral("bbox"),
        QStringLiteral("Area of interest in degrees: WEST,SOUTH,EAST,NORTH (lon / lat, EPSG:4326)."),
        QStringLiteral("W,S,E,N") });
    p.addOption({ QStringLiteral("aoi-from"),
        QStringLiteral(
            "Area of interest: the extent of a vector file (GeoJSON, GeoPackage, Shapefile, ...)."),
        QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("timeout"),
        QStringLiteral(
            "Give up on a request after this many seconds without data, or when fewer than 512 bytes "
            "a second came over that many seconds (default 30 for a search, 60 for a download)."),
        QStringLiteral("S") });
}

} // namespace

int searchCommand(const QStringList& args)
{
    const QString cmd = QStringLiteral("search");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Searches a STAC API for Sentinel-2 items over an area and a date range and prints date, tile, cloud "
        "cover and id, newest first. Presets: earth-search (Element 84 Earth Search v1, sentinel-2-l2a, "
        "COGs, no login) and cdse (Copernicus Data Space Ecosystem, SENTINEL-2, SAFE; downloads need a "
        "login: set UNCLOUDED_TOKEN). Any other STAC API by its URL."));
    p.addHelpOption();
    p.addOption(
        { QStringLiteral("endpoint"), QStringLiteral("earth-search (default), cdse, or a STAC API URL."),
            QStringLiteral("NAME|URL"), QStringLiteral("earth-search") });
    p.addOption({ QStringLiteral("collection"),
        QStringLiteral("Collection to search (default: the endpoint's Sentinel-2 L2A collection)."),
        QStringLiteral("C") });
    addAoiOptions(p);
    p.addOption({ QStringLiteral("from"), QStringLiteral("First day, YYYY-MM-DD."), QStringLiteral("DATE") });
    p.addOption({ QStringLiteral("to"), QStringLiteral("Last day, YYYY-MM-DD."), QStringLiteral("DATE") });
    p.addOption({ QStringLiteral("max-cloud"), QStringLiteral("Largest eo:cloud_cover in percent."),
        QStringLiteral("N") });
    p.addOption({ QStringLiteral("tile"), QStringLiteral("MGRS tile, e.g. 33UUU."), QStringLiteral("T") });
    p.addOption({ QStringLiteral("limit"), QStringLiteral("Most items to list (default 50)."),
        QStringLiteral("N"), QStringLiteral("50") });
    p.addOption({ QStringLiteral("json"),
        QStringLiteral("Also write the items as a GeoJSON FeatureCollection ('-' for stdout; 'download' "
                       "takes the file)."),
        QStringLiteral("FILE") });
    int code = kOk;
    if (!parseOrReport(p, args, cmd, code))
        return code;
    if (!p.positionalArguments().isEmpty())
        return usageError(
            cmd, QStringLiteral("unexpected argument '%1'").arg(p.positionalArguments().constFirst()));

    stac::SearchParams s;
    const auto endpoint = stac::endpointFor(p.value(QStringLiteral("endpoint")));
    if (!endpoint)
        return usageError(cmd,
            QStringLiteral("--endpoint must be earth-search, cdse or an http(s) URL, not '%1'")
                .arg(p.value(QStringLiteral("endpoint"))));
    s.endpoint = *endpoint;
    if (p.isSet(QStringLiteral("collection")))
        s.collections = p.value(QStringLiteral("collection")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (s.endpoint.collection.isEmpty() && s.collections.isEmpty())
        return usageError(cmd, QStringLiteral("give --collection for an endpoint given by URL"));
    QString message;
    if (!readAoi(p, s.bbox, message))
        return usageError(cmd, message);
    for (const auto& [name, date] :
        { std::pair { QStringLiteral("from"), &s.from }, { QStringLiteral("to"), &s.to } })
        if (p.isSet(name)) {
            *date = QDate::fromString(p.value(name), Qt::ISODate);
            if (!date->isValid())
                return usageError(
                    cmd, QStringLiteral("--%1 must be a date YYYY-MM-DD, not '%2'").arg(name, p.value(name)));
        }
    if (s.from.isValid() && s.to.isValid() && s.from > s.to)
        return usageError(cmd, QStringLiteral("--from is after --to"));
    if (p.isSet(QStringLiteral("max-cloud"))) {
        bool ok = false;
        s.maxCloud = p.value(QStringLiteral("max-cloud")).toDouble(&ok);
        if (!ok || s.maxCloud < 0 || s.maxCloud > 100)
            return usageError(cmd,
                QStringLiteral("--max-cloud must be a percentage 0-100, not '%1'")
                    .arg(p.value(QStringLiteral("max-cloud"))));
    }
    if (p.isSet(QStringLiteral("tile"))) {
        s.tile = stac::normalizeTile(p.value(QStringLiteral("tile")));
        if (s.tile.isEmpty())
            return usageError(cmd,
                QStringLiteral("--tile must be an MGRS tile such as 33UUU, not '%1'")
                    .arg(p.value(QStringLiteral("tile"))));
    }
    bool ok = false;
    s.limit = p.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || s.limit < 1 || s.limit > 10000)
        return usageError(
            cmd, QStringLiteral("--limit must be 1-10000, not '%1'").arg(p.value(QStringLiteral("limit"))));
    s.pageSize = std::min(s.limit, 100);
    s.maxPages = std::max(20, s.limit / s.pageSize + 20);
    if (!readTimeout(p, s.timeoutMs))
        return usageError(cmd, QStringLiteral("--timeout must be seconds, above 0 and at most 3600"));
    s.authorization = stac::authorizationFromEnvironment();
    const QString aoiFile = p.value(QStringLiteral("aoi-from"));
    const QString jsonFile = p.value(QStringLiteral("json"));

    return runCommand(cmd, [&](JobContext& ctx) {
        if (!aoiFile.isEmpty())
            s.bbox = stac::aoiFromFile(aoiFile);
        const stac::SearchResult r = stac::search(s, ctx.progress());
        if (!jsonFile.isEmpty()) {
            QString e;
            if (!writeReport(jsonFile, QJsonDocument(stac::toFeatureCollection(r.items)).toJson(), e))
                throw Error(e);
        }
        if (jsonFile == QLatin1String("-"))
            return kOk; // stdout holds the JSON alone
        out() << QStringLiteral("%1  %2  %3  %4\n")
                     .arg(QStringLiteral("Date").leftJustified(10), QStringLiteral("Tile").leftJustified(6),
                         QStringLiteral("Cloud %").rightJustified(7), QStringLiteral("ID"));
        for (const stac::Item& i : r.items)
            out() << QStringLiteral("%1  %2  %3  %4\n")
                         .arg(i.datetime.isValid() ? i.datetime.toString(QStringLiteral("yyyy-MM-dd"))
                                                   : QStringLiteral("?").leftJustified(10),
                             i.tile.leftJustified(6),
                             (i.cloudCover >= 0 ? QString::number(i.cloudCover, 'f', 1) : QStringLiteral("?"))
                                 .rightJustified(7),
                             i.id);
        out() << r.items.size() << (r.items.size() == 1 ? " item" : " items");
        if (r.matched >= 0)
            out() << " (" << r.matched << " matched on the server)";
        if (r.droppedByFilter > 0)
            out() << ", " << r.droppedByFilter << " over the cloud limit or on another tile left out";
        if (r.truncated)
            out() << "; more available: raise --limit";
        out() << "\n";
        for (const QString& why : r.skipped)
            err() << "unclouded-cli search: warning: left out: " << why << "\n";
        out().flush();
        return kOk;
    });
}

int downloadCommand(const QStringList& args)
{
    const QString cmd = QStringLiteral("download");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Downloads the bands of STAC items (an item URL or .json file, or a search result saved with 'search "
        "--json') into OUT/<item id>/ (an AOI into OUT/<item id>_aoi-<hash>/): one file per band and an "
        "item.json that 'info', 'reconstruct' and the "
        "viewer open. With --bbox / --aoi-from only that window of each COG is read (through GDAL /vsicurl/, "
        "a few requests instead of the whole file). An interrupted download resumes where it stopped when "
        "run again; a busy service (HTTP 429, 503) is asked again after its Retry-After; one item's failure "
        "does "
        "not stop the others (exit 1 at the end); file:checksum is checked where the item gives it. A login "
        "(CDSE): --user USER (the "
        "password from UNCLOUDED_PASSWORD or the terminal), or a token in UNCLOUDED_TOKEN (bearer) or "
        "UNCLOUDED_AUTHORIZATION (a whole header value)."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("ITEM"),
        QStringLiteral("STAC item URL or file, or a search result file."), QStringLiteral("ITEM..."));
    p.addOption({ QStringLiteral("out"), QStringLiteral("Cache folder (items go to OUT/<item id>/)."),
        QStringLiteral("DIR") });
    p.addOption({ QStringLiteral("bands"),
        QStringLiteral("Bands to fetch, e.g. B02,B03,B04,B08,SCL (default: every band and the SCL)."),
        QStringLiteral("LIST") });
    addAoiOptions(p);
    p.addOption({ QStringLiteral("user"),
        QStringLiteral("Log in as USER first (CDSE): the password from UNCLOUDED_PASSWORD or asked on the "
                       "terminal; a bearer token is fetched, and refreshed between items."),
        QStringLiteral("USER") });
    p.addOption({ QStringLiteral("token-url"),
        QStringLiteral(
            "The OpenID Connect token endpoint for --user (default: the Copernicus Data Space's)."),
        QStringLiteral("URL") });
    p.addOption({ QStringLiteral("cache-limit-mb"),
        QStringLiteral(
            "After the download, remove the oldest other items of OUT until it holds at most this."),
        QStringLiteral("MB") });
    int code = kOk;
    if (!parseOrReport(p, args, cmd, code))
        return code;
    const QStringList items = p.positionalArguments();
    if (items.isEmpty())
        return usageError(cmd, QStringLiteral("expected at least one ITEM"));
    if (!p.isSet(QStringLiteral("out")))
        return usageError(cmd, QStringLiteral("--out DIR is required"));
    stac::DownloadOptions o;
    o.cacheDir = p.value(QStringLiteral("out"));
    if (p.isSet(QStringLiteral("bands"))) {
        o.bands = p.value(QStringLiteral("bands")).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (QString& b : o.bands)
            b = b.trimmed();
        if (const QStringList unknown = stac::unknownBandNames(o.bands); !unknown.isEmpty())
            return usageError(cmd,
                QStringLiteral(
                    "--bands: %1 names no Sentinel-2 band (B01-B12, B8A, SCL, or blue, red, nir08 ...)")
                    .arg(unknown.join(QStringLiteral(", "))));
    }
    QString message;
    if (!readAoi(p, o.aoi, message))
        return usageError(cmd, message);
    if (!readTimeout(p, o.timeoutMs))
        return usageError(cmd, QStringLiteral("--timeout must be seconds, above 0 and at most 3600"));
    if (p.isSet(QStringLiteral("cache-limit-mb"))) {
        bool ok = false;
        const double m = p.value(QStringLiteral("cache-limit-mb")).toDouble(&ok);
        if (!ok || m <= 0)
            return usageError(cmd, QStringLiteral("--cache-limit-mb must be a positive number"));
        o.cacheLimitBytes = static_cast<qint64>(m * 1048576);
    }
    o.authorization = stac::authorizationFromEnvironment();
    const QString aoiFile = p.value(QStringLiteral("aoi-from"));
    stac::Endpoint login = *stac::endpointFor(QStringLiteral("cdse"));
    const QString user = p.value(QStringLiteral("user"));
    if (p.isSet(QStringLiteral("token-url"))) {
        if (user.isEmpty())
            return usageError(cmd, QStringLiteral("--token-url goes with --user"));
        login.tokenUrl = p.value(QStringLiteral("token-url"));
        if (!QUrl(login.tokenUrl).scheme().startsWith(QLatin1String("http")))
            return usageError(cmd, QStringLiteral("--token-url must be an http(s) URL"));
    }

    return runCommand(cmd,
        [&](JobContext& ctx) {
            if (!aoiFile.isEmpty())
                o.aoi = stac::aoiFromFile(aoiFile);
            const Progress progress = ctx.progress();
            stac::Token token;
            if (!user.isEmpty()) {
                QString password = qEnvironmentVariable("UNCLOUDED_PASSWORD");
                if (password.isEmpty())
                    password = askPassword(user);
                if (password.isEmpty())
                    throw Error(
                        QStringLiteral("no password for %1: set UNCLOUDED_PASSWORD or run in a terminal")
                            .arg(user));
                token = stac::fetchToken(login, user, password, progress, o.timeoutMs);
                o.authorization = token.authorization();
            }
            QList<stac::Item> all;
            for (const QString& source : items)
                all << stac::loadItems(source, progress, o.timeoutMs, o.authorization);
            if (all.isEmpty())
                throw Error(QStringLiteral("No items in %1").arg(items.join(QStringLiteral(", "))));
            QStringList failed;
            for (int i = 0; i < all.size(); ++i) {
                // Tokens live minutes: a new one from the refresh token when this one is about to end.
                if (!token.refresh.isEmpty() && token.expires.isValid()
                    && QDateTime::currentDateTimeUtc().secsTo(token.expires) < 120) {
                    token = stac::refreshToken(login, token.refresh, progress, o.timeoutMs);
                    o.authorization = token.authorization();
                }
                stac::DownloadResult r;
                try {
                    r = stac::downloadItem(
                        all[i], o, progress.sub(i / double(all.size()), (i + 1) / double(all.size())));
                } catch (const Cancelled&) {
                    throw; // Ctrl+C stops the command; it is no item's failure
                } catch (const Error& e) {
                    if (all.size() == 1)
                        throw;
                    // One item's failure (a 429, a missing asset) does not lose the others.
                    ctx.flush();
                    err() << "\n";
                    out() << all[i].id << ": FAILED: " << e.message() << "\n";
                    out().flush();
                    failed << all[i].id;
                    continue;
                }
                o.keep << r.folder; // a stack of dates: the cache limit never evicts this command's own
                ctx.flush();
                err() << "\n";
                out() << all[i].id << ": " << r.files.size() << " files in "
                      << QDir::toNativeSeparators(r.folder);
                if (!o.aoi)
                    out() << " (" << QString::number(r.bytesTransferred / 1048576.0, 'f', 1)
                          << " MB transferred"
                          << (r.reused ? QStringLiteral(", %1 already there").arg(r.reused) : QString())
                          << (r.resumed ? QStringLiteral(", %1 resumed").arg(r.resumed) : QString()) << ")";
                out() << "\n  open: " << QDir::toNativeSeparators(r.itemJson) << "\n";
                for (const QString& e : r.evicted)
                    out() << "  evicted from the cache: " << e << "\n";
                out().flush();
            }
            if (!failed.isEmpty())
                throw Error(QStringLiteral("%1 of %2 items failed (%3); run the same command again to fetch "
                                           "what is missing")
                                .arg(failed.size())
                                .arg(all.size())
                                .arg(failed.join(QStringLiteral(", "))));
            return kOk;
        },
        { true });
}

} // namespace unclouded::cli
