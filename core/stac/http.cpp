// The blocking HTTP client of core/stac (http_p.h): QNetworkAccessManager driven by a local event loop
// on the job's thread, so a search or a download is one call that returns or throws.
#include <algorithm>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>

#include "core/common/error.h"
#include "core/common/runtime.h"
#include "core/stac/http_p.h"

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
    // Redirects stay on https (S3 presigned URLs, the CDSE download service hop to other hosts).
    d->nam.setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
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

HttpResponse Http::stream(const HttpRequest& request,
    const std::function<void(const HttpResponse&)>& onHeaders,
    const std::function<void(const QByteArray&)>& sink)
{
    d->progress.throwIfCancelled();
    const QString where = request.url.toString(QUrl::RemoveUserInfo);
    QNetworkRequest req(request.url);
    req.setHeader(QNetworkRequest::UserAgentHeader,
        QStringLiteral("unclouded/%1 (Qt %2)").arg(applicationVersion(), QString::fromLatin1(qVersion())));
    req.setRawHeader("Accept", "application/geo+json, application/json;q=0.9, */*;q=0.5");
    const bool typed = std::any_of(request.headers.begin(), request.headers.end(),
        [](const auto& h) { return h.first.compare("Content-Type", Qt::CaseInsensitive) == 0; });
    if (!request.body.isEmpty() && !typed)
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!d->authorization.isEmpty())
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
        // A redirect the manager follows: the answer to keep is the one at its target (keeping the
        // 3xx made every redirected search and download fail with the target's body as "error").
        // (Qt sets RedirectionTargetAttribute only after this signal: the Location header decides.)
        const bool redirect
            = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
        if (redirect && reply->hasRawHeader("Location"))
            return;
        headersSeen = true;
        response.status = status;
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
    QObject::connect(reply, &QNetworkReply::redirected, &loop, [&] {
        idle.start();
        response.body.clear(); // the 3xx's own page
    });
    QObject::connect(reply, &QNetworkReply::uploadProgress, &loop, [&] { idle.start(); });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&idle, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
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
    cancelPoll.stop();
    if (!failure && !cancelled && !timedOut)
        read(); // what came with finished()

    if (failure)
        std::rethrow_exception(failure);
    if (cancelled)
        throw Cancelled();
    if (timedOut)
        throw Error(
            QStringLiteral("%1: no answer within %2 s (timed out)").arg(where).arg(d->timeoutMs / 1000.0));
    if (reply->error() == QNetworkReply::InsecureRedirectError)
        throw Error(QStringLiteral("%1: the server redirected to %2, from https to plain http: not followed")
                        .arg(where,
                            reply->attribute(QNetworkRequest::RedirectionTargetAttribute)
                                .toUrl()
                                .toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)));
    if (reply->error() == QNetworkReply::TooManyRedirectsError)
        throw Error(QStringLiteral("%1: too many redirects (a loop?)").arg(where));
    if (response.status == 0)
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (response.status >= 300 || (response.status == 0 && reply->error() != QNetworkReply::NoError)) {
        if (response.status == 0)
            throw Error(QStringLiteral("%1: %2").arg(where, reply->errorString()));
        QString msg = QStringLiteral("%1: %2").arg(where, describeStatus(response.status));
        if (const QString said = excerpt(response.body); !said.isEmpty())
            msg += QStringLiteral(" (the server said: %1)").arg(said);
        bool seconds = false;
        const int retryAfter = reply->rawHeader("Retry-After").trimmed().toInt(&seconds);
        throw HttpError(msg, response.status, response.contentRange, seconds ? retryAfter : -1);
    }
    if (reply->error() != QNetworkReply::NoError)
        throw Error(QStringLiteral("%1: the connection broke: %2").arg(where, reply->errorString()));
    return response;
}

void Http::pauseBeforeRetry(const HttpError& e, int attempt) const
{
    // The server's Retry-After when it gives one (capped: a day-long answer is no pause), else 1, 2, 4 s.
    const int seconds = e.retryAfterSeconds() >= 0 ? std::min(e.retryAfterSeconds(), 60) : (1 << attempt);
    d->progress.report(
        0, QStringLiteral("HTTP %1: the service is busy; trying again in %2 s").arg(e.status()).arg(seconds));
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < seconds * 1000) {
        d->progress.throwIfCancelled();
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
            pauseBeforeRetry(e, attempt);
        }
    }
}

} // namespace unclouded::stac
