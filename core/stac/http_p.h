// A blocking HTTP client for jobs: one QNetworkAccessManager on the calling thread, a local event loop
// per request, an idle time-out, cancel through Progress; failures become an Error naming the URL.
#pragma once

#include <functional>
#include <memory>

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QUrl>

#include "core/common/error.h"
#include "core/common/progress.h"

namespace unclouded::stac {

// A status outside 2xx; the message names the URL, the status and what the server said.
class HttpError : public Error
{
public:
    HttpError(const QString& message, int status, QByteArray contentRange = {}, int retryAfterS = -1)
        : Error(message)
        , m_status(status)
        , m_contentRange(std::move(contentRange))
        , m_retryAfter(retryAfterS)
    {
    }
    int status() const { return m_status; }
    QByteArray contentRange() const { return m_contentRange; } // a 416's "bytes */SIZE"
    int retryAfterSeconds() const { return m_retryAfter; } // -1: the server did not say
    // Worth asking again after a pause: the service is busy or briefly unavailable. The statuses
    // curl --retry treats as transient; a 500 is often a restarting back end (one retry budget).
    bool transient() const
    {
        return m_status == 408 || m_status == 429 || m_status == 500 || m_status == 502 || m_status == 503
            || m_status == 504;
    }

private:
    int m_status;
    QByteArray m_contentRange;
    int m_retryAfter;
};

// The connection broke, went quiet past the time-out or closed early: no answer from the server about
// the request, so asking again (from where the bytes stopped) may well succeed.
class NetworkError : public Error
{
public:
    using Error::Error;
};

// Bytes came, but under kMinBytesPerSecond for a whole timeout: worth asking again only a few times,
// like a connection that brought nothing.
class SlowTransferError : public NetworkError
{
public:
    using NetworkError::NetworkError;
};

// No byte for the whole time-out.
class TimedOutError : public NetworkError
{
public:
    using NetworkError::NetworkError;
};

constexpr int kMinBytesPerSecond = 512;

// Whether a failure that came without any HTTP status is worth asking again (a NetworkError): drops,
// time-outs, and over HTTP/2 a stream the server reset (Qt says ProtocolFailure, InternalServerError,
// UnknownServerError for PROTOCOL_ERROR, INTERNAL_ERROR and the like). Not: a refused connection, an
// unknown host, TLS, a URL Qt cannot fetch (the same answer again).
bool transientWithoutStatus(QNetworkReply::NetworkError e);

struct HttpRequest
{
    QUrl url;
    QByteArray method = "GET";
    QByteArray body; // sent as application/json when not empty
    QList<QPair<QByteArray, QByteArray>> headers;
};

struct HttpResponse
{
    int status = 0;
    QByteArray body;
    QByteArray contentRange; // Content-Range, when the server sent one
    qint64 contentLength = -1;
    QUrl finalUrl; // after redirects: what relative links in the answer resolve against
};

class Http
{
public:
    // timeoutMs: the longest wait for a byte (connecting, the first answer or between chunks).
    Http(int timeoutMs, QByteArray authorization, Progress progress);
    ~Http();
    Http(const Http&) = delete;
    Http& operator=(const Http&) = delete;

    // The whole answer; a status outside 2xx throws an Error with the status and what the server said.
    // A 408 / 429 / 500 / 502 / 503 / 504 is asked again up to kRetries times after a pause (Retry-After).
    HttpResponse fetch(const HttpRequest& request);
    static constexpr int kRetries = 3;
    // Waits what a transient error asks (its Retry-After, else 1, 2, 4 s by attempt); cancellable.
    static void pauseBeforeRetry(const HttpError& e, int attempt, const Progress& progress);
    // Reports why (at fraction), then waits seconds; cancellable.
    static void pause(int seconds, const QString& why, const Progress& progress, double fraction = 0);

    // Streams the body to sink once the headers are in (onHeaders may refuse a status by throwing).
    // A dropped or silent connection throws a NetworkError after the bytes that did arrive went to the
    // sink; a refused connection or an unknown host, a plain Error.
    HttpResponse stream(const HttpRequest& request, const std::function<void(const HttpResponse&)>& onHeaders,
        const std::function<void(const QByteArray&)>& sink);

    // "HTTP 401 Unauthorized" with a hint, for messages.
    static QString describeStatus(int status);

private:
    // One request; a redirect sets `redirect` (and nothing reaches onHeaders or sink).
    HttpResponse streamOnce(const HttpRequest& request, bool login,
        const std::function<void(const HttpResponse&)>& onHeaders,
        const std::function<void(const QByteArray&)>& sink, QUrl& redirect);

    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace unclouded::stac
