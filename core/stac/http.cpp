// The blocking HTTP client of core/stac (http_p.h): QNetworkAccessManager driven by a local event loop
// on the job's thread, so a search or a download is one call that returns or throws.
#include <algorithm>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>

#include "core/common/error.h"
#include "core/common/runtime.h"
#include "core/stac/http_p.h"
#include "core/stac/stac.h"

namespace unclouded::stac {

struct Http::Impl
{
    int timeoutMs = 30000;
    QByteArray authorization;
    Progress progress;
    QNetworkAccessManager nam;
};

Http::Http(int timeoutMs, QByteArray authorization, Progress progress)
    : d(std::make_unique<Impl>())
{
    d->timeoutMs = timeoutMs > 0 ? timeoutMs : 30000;
    d->authorization = std::move(authorization);
    d->progress = std::move(progress);
    // stream() follows redirects itself (what the login and a POST may do on the way).
    d->nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

Http::~Http() = default;

QString Http::describeStatus(int status)
{
    switch (status) {
    case 401:
        return QStringLiteral("HTTP 401 Unauthorized: the service wants a login (credentials missing or "
                              "expired)");
    case 403:
        return QStringLiteral("HTTP 403 Forbidden: the credentials given may not read this");
    case 404:
        return QStringLiteral("HTTP 404 Not Found");
    case 416:
        return QStringLiteral("HTTP 416 Range Not Satisfiable");
    case 429:
        return QStringLiteral("HTTP 429 Too Many Requests: the service asks to slow down; try again later");
    case 500:
        return QStringLiteral("HTTP 500 Internal Server Error: the service failed; try again later");
    case 502:
    case 503:
    case 504:
        return QStringLiteral("HTTP %1: the service is unavailable; try again later").arg(status);
    default:
        return QStringLiteral("HTTP %1").arg(status);
    }
}

namespace {

// What a server said with an error status, shortened for a message.
QString excerpt(const QByteArray& body)
{
    QString s = QString::fromUtf8(body.left(300)).simplified();
    if (body.size() > 300)
        s += QStringLiteral(" ...");
    return s;
}

} // namespace

namespace {

constexpr int kMaxRedirects = 10;

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

} // namespace

QString redactedUrl(const QUrl& url)
{
    // Presigned S3 (X-Amz-Signature, X-Amz-Credential), Azure SAS (sig), GCS (X-Goog-Signature), tokens.
    static const QRegularExpression secret(
        QStringLiteral("(^|&)[^=&]*(signature|sig|token|credential|secret|password|apikey|api_key)[^=&]*="),
        QRegularExpression::CaseInsensitiveOption);
    if (url.hasQuery() && secret.match(url.query()).hasMatch())
        return url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery) + QStringLiteral("?…");
    return url.toString(QUrl::RemoveUserInfo);
}

bool loginMayReach(const QUrl& home, const QUrl& to)
{
    // CDSE's catalogue hands downloads to zipper. / download.dataspace.copernicus.eu and wants the
    // token there. Anywhere else (a bucket, a presigned URL, another site) it would leak the token, and
    // S3 refuses a request with both a signature and a login (HTTP 400).
    if (home.isValid() && home.scheme() == to.scheme()
        && home.host().compare(to.host(), Qt::CaseInsensitive) == 0 && home.port(-1) == to.port(-1))
        return true;
    if (to.scheme() != QLatin1String("https") || (home.isValid() && home.scheme() != QLatin1String("https")))
        return false;
    const QString b = to.host().toLower();
    // Hosts under these belong to many owners (buckets, apps): a sibling is somebody else.
    static const QStringList shared { QStringLiteral("amazonaws.com"), QStringLiteral("windows.net"),
        QStringLiteral("googleapis.com"), QStringLiteral("cloudfront.net"),
        QStringLiteral("azurewebsites.net"), QStringLiteral("azureedge.net"), QStringLiteral("herokuapp.com"),
        QStringLiteral("github.io"), QStringLiteral("appspot.com"), QStringLiteral("web.app"),
        QStringLiteral("r2.cloudflarestorage.com"), QStringLiteral("r2.dev"), QStringLiteral("pages.dev"),
        QStringLiteral("workers.dev"), QStringLiteral("netlify.app"), QStringLiteral("vercel.app"),
        QStringLiteral("digitaloceanspaces.com"), QStringLiteral("wasabisys.com"),
        QStringLiteral("backblazeb2.com") };
    const auto under = [](const QString& host, const QString& domain) {
        return host == domain || host.endsWith(QLatin1Char('.') + domain);
    };
    const bool sharedHost
        = std::any_of(shared.begin(), shared.end(), [&](const QString& d) { return under(b, d); });
    if (!home.isValid() || home.host().isEmpty()) // nowhere to compare with: never a shared host
        return !sharedHost;
    const QString a = home.host().toLower();
    if (!QHostAddress(a).isNull()) // an address: no domain around it, only itself
        return false;
    if (under(b, a)) // the home host's own subdomains
        return true;
    if (sharedHost)
        return false;
    // A sibling under the parent domain, which must be more than a public suffix's depth ("co.uk",
    // "com.au": two labels the last of which is a country code).
    const QString parent = a.section(QLatin1Char('.'), 1);
    const int dots = parent.count(QLatin1Char('.'));
    const bool countryPair = dots == 1 && parent.section(QLatin1Char('.'), -1).size() == 2
        && parent.section(QLatin1Char('.'), 0, 0).size() <= 3;
    return dots >= 1 && !countryPair && under(b, parent);
}

HttpResponse Http::stream(const HttpRequest& request,
    const std::function<void(const HttpResponse&)>& onHeaders,
    const std::function<void(const QByteArray&)>& sink)
{
    // Redirects are followed here, not by Qt: Qt kept the Authorization header for any host and
    // turned a POST search into an unfiltered GET on 301 / 302 / 303.
    HttpRequest r = request;
    bool login = true;
    for (int hops = 0;; ++hops) {
        QUrl next;
        HttpResponse response = streamOnce(r, login, onHeaders, sink, next);
        if (next.isEmpty()) {
            response.finalUrl = r.url;
            return response;
        }
        const QString where = r.url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
        const QString target = next.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
        if (hops >= kMaxRedirects)
            throw Error(QStringLiteral("%1: more than %2 redirects (a loop?)").arg(where).arg(kMaxRedirects));
        if (r.url.scheme() == QLatin1String("https") && next.scheme() != QLatin1String("https"))
            throw Error(
                QStringLiteral("%1: the server redirected to %2, from https to plain http: not followed")
                    .arg(where, target));
        if (next.scheme() != QLatin1String("https") && next.scheme() != QLatin1String("http"))
            throw Error(QStringLiteral("%1: the server redirected to %2, which is no http(s) address")
                            .arg(where, target));
        if (response.status != 307 && response.status != 308 && r.method != "GET" && r.method != "HEAD")
            throw Error(
                QStringLiteral("%1: the service moved to %2 (HTTP %3), where this %4 would arrive as a GET "
                               "without its search: use that address")
                    .arg(where, target)
                    .arg(response.status)
                    .arg(QString::fromLatin1(r.method)));
        if (!loginMayReach(r.url, next)) { // the login stays with its own site
            login = false;
            r.headers.erase(
                std::remove_if(r.headers.begin(), r.headers.end(),
                    [](const auto& h) { return h.first.compare("Authorization", Qt::CaseInsensitive) == 0; }),
                r.headers.end());
        }
        r.url = next;
    }
}

HttpResponse Http::streamOnce(const HttpRequest& request, bool login,
    const std::function<void(const HttpResponse&)>& onHeaders,
    const std::function<void(const QByteArray&)>& sink, QUrl& redirect)
{
    d->progress.throwIfCancelled();
    const QString where = redactedUrl(request.url); // messages reach logs: no signature in them
    // Qt's own error strings name the whole URL.
    const auto said = [&](const QNetworkReply* reply) {
        return QString(reply->errorString()).replace(request.url.toString(), where);
    };
    QNetworkRequest req(request.url);
    req.setHeader(QNetworkRequest::UserAgentHeader,
        QStringLiteral("unclouded/%1 (Qt %2)").arg(applicationVersion(), QString::fromLatin1(qVersion())));
    req.setRawHeader("Accept", "application/geo+json, application/json;q=0.9, */*;q=0.5");
    const bool typed = std::any_of(request.headers.begin(), request.headers.end(),
        [](const auto& h) { return h.first.compare("Content-Type", Qt::CaseInsensitive) == 0; });
    if (!request.body.isEmpty() && !typed)
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!d->authorization.isEmpty() && login)
        req.setRawHeader("Authorization", d->authorization);
    for (const auto& [name, value] : request.headers)
        req.setRawHeader(name, value);
    // Compressed bodies would make Range offsets and Content-Length mean the encoded bytes.
    req.setRawHeader("Accept-Encoding", "identity");

    QNetworkReply* reply = d->nam.sendCustomRequest(req, request.method, request.body);
    std::unique_ptr<QNetworkReply> owner(reply);
    HttpResponse response;
    bool headersSeen = false, timedOut = false, cancelled = false;
    std::exception_ptr failure;
    QEventLoop loop;
    QTimer idle; // no byte for timeoutMs: give up
    idle.setSingleShot(true);
    idle.setInterval(d->timeoutMs);
    // Bytes that trickle in (one a second) restart the idle timer for ever: the body must also come at
    // kMinBytesPerSecond over each timeout-long window, counted from the headers.
    QTimer slow;
    slow.setInterval(d->timeoutMs);
    qint64 windowBytes = 0;
    bool tooSlow = false;
    QTimer cancelPoll;
    cancelPoll.setInterval(50);

    auto fail = [&](std::exception_ptr e) {
        if (!failure)
            failure = e;
        reply->abort();
    };
    auto headers = [&] {
        if (headersSeen)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        headersSeen = true;
        slow.start();
        response.status = status;
        // A redirect: stream() asks its target (its own body goes nowhere).
        if (isRedirect(status) && !reply->rawHeader("Location").isEmpty()) {
            redirect = reply->url().resolved(QUrl::fromEncoded(reply->rawHeader("Location").trimmed()));
            return;
        }
        response.contentRange = reply->rawHeader("Content-Range");
        const QVariant len = reply->header(QNetworkRequest::ContentLengthHeader);
        response.contentLength = len.isValid() ? len.toLongLong() : -1;
        if (response.status >= 200 && response.status < 300 && onHeaders) {
            try {
                onHeaders(response);
            } catch (...) {
                fail(std::current_exception());
            }
        }
    };
    auto read = [&] {
        idle.start();
        headers();
        if (failure)
            return;
        const QByteArray chunk = reply->readAll();
        if (chunk.isEmpty())
            return;
        windowBytes += chunk.size();
        if (response.status >= 200 && response.status < 300) {
            try {
                sink(chunk);
            } catch (...) {
                fail(std::current_exception());
            }
        } else if (response.body.size() < 65536) {
            response.body += chunk; // an error page, for the message
        }
    };
    QObject::connect(reply, &QNetworkReply::metaDataChanged, &loop, [&] {
        idle.start();
        headers();
    });
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, read);
    QObject::connect(reply, &QNetworkReply::uploadProgress, &loop, [&] { idle.start(); });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&idle, &QTimer::timeout, &loop, [&] {
        if (reply->isFinished()) // finished() is queued in the same iteration: the answer is whole
            return;
        timedOut = true;
        reply->abort();
    });
    QObject::connect(&slow, &QTimer::timeout, &loop, [&] {
        // Nothing at all in the window is the idle timer's (it says "no answer").
        if (!reply->isFinished() && windowBytes > 0
            && windowBytes < qint64(kMinBytesPerSecond) * d->timeoutMs / 1000) {
            tooSlow = true;
            reply->abort();
        }
        windowBytes = 0;
    });
    QObject::connect(&cancelPoll, &QTimer::timeout, &loop, [&] {
        if (d->progress.isCancelled()) {
            cancelled = true;
            reply->abort();
        }
    });
    idle.start();
    cancelPoll.start();
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    idle.stop();
    slow.stop();
    cancelPoll.stop();
    if (!failure && !cancelled && !timedOut && !tooSlow)
        read(); // what came with finished()

    if (failure)
        std::rethrow_exception(failure);
    if (cancelled)
        throw Cancelled();
    if (timedOut)
        throw TimedOutError(
            QStringLiteral("%1: no answer within %2 s (timed out)").arg(where).arg(d->timeoutMs / 1000.0));
    if (tooSlow)
        throw SlowTransferError(
            QStringLiteral("%1: under %2 bytes a second for %3 s (the connection is too slow "
                           "or the server stalls)")
                .arg(where)
                .arg(kMinBytesPerSecond)
                .arg(d->timeoutMs / 1000.0));
    if (!redirect.isEmpty())
        return response;
    if (response.status == 0)
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (response.status >= 300 || (response.status == 0 && reply->error() != QNetworkReply::NoError)) {
        if (response.status == 0) {
            const QString msg = QStringLiteral("%1: %2").arg(where, said(reply));
            if (transientWithoutStatus(reply->error()))
                throw NetworkError(msg);
            throw Error(msg);
        }
        QString msg = QStringLiteral("%1: %2").arg(where, describeStatus(response.status));
        if (isRedirect(response.status)) // Location missing or empty
            msg += QStringLiteral(" (a redirect without a Location to follow)");
        if (const QString said = excerpt(response.body); !said.isEmpty())
            msg += QStringLiteral(" (the server said: %1)").arg(said);
        bool seconds = false;
        const int retryAfter = reply->rawHeader("Retry-After").trimmed().toInt(&seconds);
        throw HttpError(msg, response.status, response.contentRange, seconds ? retryAfter : -1);
    }
    if (reply->error() != QNetworkReply::NoError)
        throw NetworkError(QStringLiteral("%1: the connection broke: %2").arg(where, said(reply)));
    return response;
}

bool transientWithoutStatus(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    // A garbled answer, or an HTTP/2 stream reset: transient as often as not; a server that always
    // answers so fails after the few pauses downloadFile allows.
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::UnknownServerError:
    case QNetworkReply::InternalServerError:
        return true;
    default:
        return false;
    }
}

void Http::pauseBeforeRetry(const HttpError& e, int attempt, const Progress& progress)
{
    // The server's Retry-After when it gives one (capped: a day-long answer is no pause), else 1, 2, 4 s.
    const int seconds = e.retryAfterSeconds() >= 0 ? std::min(e.retryAfterSeconds(), 60) : (1 << attempt);
    pause(seconds,
        QStringLiteral("HTTP %1: the service is busy; trying again in %2 s").arg(e.status()).arg(seconds),
        progress);
}

void Http::pause(int seconds, const QString& why, const Progress& progress, double fraction)
{
    progress.report(fraction, why);
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < seconds * 1000) {
        progress.throwIfCancelled();
        QThread::msleep(50);
    }
}

HttpResponse Http::fetch(const HttpRequest& request)
{
    for (int attempt = 0;; ++attempt) {
        QByteArray body;
        try {
            HttpResponse r = stream(request, {}, [&](const QByteArray& chunk) {
                if (body.size() + chunk.size() > (256 << 20))
                    throw Error(
                        QStringLiteral("%1: the answer is larger than 256 MiB").arg(request.url.toString()));
                body += chunk;
            });
            r.body = std::move(body);
            return r;
        } catch (const HttpError& e) {
            // 429 and 503 are what busy catalogues (Planetary Computer, CDSE) answer now and then.
            if (!e.transient() || attempt >= kRetries)
                throw;
            pauseBeforeRetry(e, attempt, d->progress);
        } catch (const NetworkError& e) {
            // A dropped connection: a search page or an item asked again, as a download resumes (it
            // failed the whole command before any item started). A silent or trickling server is said
            // at once: the time-out is what the user set.
            if (attempt >= kRetries || dynamic_cast<const TimedOutError*>(&e)
                || dynamic_cast<const SlowTransferError*>(&e))
                throw;
            const int seconds = 1 << attempt;
            pause(seconds, QStringLiteral("%1; trying again in %2 s").arg(e.message()).arg(seconds),
                d->progress);
        }
    }
}

} // namespace unclouded::stac
