// A local HTTP/1.1 server for the STAC tests (tst_stac, tst_searchpanel): a QTcpServer on its own
// thread on 127.0.0.1 (the code under test blocks the test's thread: Qt's local event loop for
// searches, GDAL's curl for /vsicurl/ reads), one request per connection, answers from a handler the
// test sets, with delays, pieces spread in time and connections dropped mid-body on request.
#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

namespace {

struct Request
{
    QByteArray method, target; // target: path and query
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QString path() const { return QUrl(QString::fromLatin1(target)).path(); }
    QUrlQuery query() const { return QUrlQuery(QUrl(QString::fromLatin1(target))); }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

struct Reply
{
    int status = 200;
    QByteArray contentType = "application/geo+json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    int delayMs = 0; // before anything is sent
    qint64 dropAfter = -1; // close after this many body bytes (Content-Length promises them all)
    int chunkDelayMs = 0; // the body in pieces this far apart
    int chunkBytes = 4096; // ... of this size
    bool head = false;
    qint64 headLength = -1; // Content-Length of a HEAD answer (its body is not read)
    QByteArray raw; // when set, sent as it is instead of a response (a broken server or proxy)
};

inline Reply reply(int status, const QByteArray& type, const QByteArray& body)
{
    Reply r;
    r.status = status;
    r.contentType = type;
    r.body = body;
    return r;
}

using Handler = std::function<Reply(const Request&)>;

// An HTTP/1.1 server on its own thread (the code under test blocks the test's thread: Qt's local event
// loop for searches, GDAL's curl for AOI reads), one request per connection.
class LocalServer
{
public:
    LocalServer()
    {
        m_thread.start();
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            m_context,
            [this] {
                m_server = new QTcpServer(m_context);
                m_server->listen(QHostAddress::LocalHost, 0);
                m_port = m_server->serverPort();
                QObject::connect(m_server, &QTcpServer::newConnection, m_server, [this] {
                    while (QTcpSocket* s = m_server->nextPendingConnection())
                        accept(s);
                });
            },
            Qt::BlockingQueuedConnection);
    }
    ~LocalServer()
    {
        QMetaObject::invokeMethod(
            m_context, [this] { delete m_context; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    void setHandler(Handler h)
    {
        std::lock_guard lock(m_mutex);
        m_handler = std::move(h);
    }
    QList<Request> requests()
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }
    void clear()
    {
        std::lock_guard lock(m_mutex);
        m_requests.clear();
        m_bodyBytes = 0;
    }
    qint64 bodyBytes()
    {
        std::lock_guard lock(m_mutex);
        return m_bodyBytes;
    }

private:
    void accept(QTcpSocket* s)
    {
        auto buffer = std::make_shared<QByteArray>();
        auto done = std::make_shared<bool>(false);
        QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        QObject::connect(s, &QTcpSocket::readyRead, s, [this, s, buffer, done] {
            *buffer += s->readAll();
            const int end = buffer->indexOf("\r\n\r\n");
            if (*done || end < 0)
                return;
            Request r;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            r.method = first.value(0);
            r.target = first.value(1);
            for (int i = 1; i < lines.size(); ++i) {
                const int colon = lines[i].indexOf(':');
                if (colon > 0)
                    r.headers[lines[i].left(colon).trimmed().toLower()] = lines[i].mid(colon + 1).trimmed();
            }
            const int length = r.headers.value("content-length").toInt();
            if (buffer->size() < end + 4 + length)
                return;
            r.body = buffer->mid(end + 4, length);
            *done = true;
            Handler h;
            {
                std::lock_guard lock(m_mutex);
                m_requests << r;
                h = m_handler;
            }
            Reply rep = h ? h(r) : reply(404, "text/plain", "no handler");
            rep.head = r.method == "HEAD";
            if (rep.delayMs > 0)
                QTimer::singleShot(rep.delayMs, s, [this, s, rep] { send(s, rep); });
            else
                send(s, rep);
        });
    }
    void send(QTcpSocket* s, const Reply& rep)
    {
        if (!rep.raw.isEmpty()) {
            s->write(rep.raw);
            s->disconnectFromHost();
            return;
        }
        QByteArray head = "HTTP/1.1 " + QByteArray::number(rep.status) + ' '
            + (rep.status == 200        ? "OK"
                    : rep.status == 206 ? "Partial Content"
                    : rep.status == 401 ? "Unauthorized"
                    : rep.status == 404 ? "Not Found"
                    : rep.status == 416 ? "Range Not Satisfiable"
                                        : "Internal Server Error")
            + "\r\nContent-Type: " + rep.contentType + "\r\nContent-Length: "
            + QByteArray::number(rep.head && rep.headLength >= 0 ? rep.headLength : rep.body.size())
            + "\r\nConnection: close\r\n";
        for (const auto& [k, v] : rep.headers)
            head += k + ": " + v + "\r\n";
        s->write(head + "\r\n");
        if (rep.head) {
            s->disconnectFromHost();
            return;
        }
        const QByteArray body = rep.dropAfter >= 0 ? rep.body.left(rep.dropAfter) : rep.body;
        {
            std::lock_guard lock(m_mutex);
            m_bodyBytes += body.size();
        }
        if (rep.chunkDelayMs <= 0) {
            s->write(body);
            s->disconnectFromHost(); // after the bytes are written: a drop mid-body when dropAfter is set
            return;
        }
        auto pos = std::make_shared<qint64>(0);
        auto* timer = new QTimer(s);
        QObject::connect(timer, &QTimer::timeout, s, [s, body, pos, timer, n = rep.chunkBytes] {
            s->write(body.mid(*pos, n));
            *pos += n;
            if (*pos >= body.size()) {
                timer->stop();
                s->disconnectFromHost();
            }
        });
        timer->start(rep.chunkDelayMs);
    }

    QThread m_thread;
    QObject* m_context = nullptr;
    QTcpServer* m_server = nullptr;
    quint16 m_port = 0;
    std::mutex m_mutex;
    Handler m_handler;
    QList<Request> m_requests;
    qint64 m_bodyBytes = 0;
};

inline QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A file with Range support (the part of HTTP GDAL's /vsicurl/ and a resumed download use); only the
// bytes asked for are read, so whole 10980 px COGs can be served.
inline Reply fileReply(const QString& path, const Request& r)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return reply(404, "text/plain", "not found");
    const qint64 size = f.size();
    Reply rep;
    rep.contentType = "image/tiff";
    rep.headers.append(qMakePair(QByteArray("Accept-Ranges"), QByteArray("bytes")));
    const QByteArray range = r.headers.value("range");
    if (!range.startsWith("bytes=")) {
        if (r.method == "HEAD")
            rep.headLength = size;
        else
            rep.body = f.readAll();
        return rep;
    }
    const QList<QByteArray> ab = range.mid(6).split('-');
    const qint64 from = ab.value(0).toLongLong();
    const qint64 to = ab.value(1).isEmpty() ? size - 1 : std::min<qint64>(size - 1, ab.value(1).toLongLong());
    if (from >= size) { // as nginx, Apache and S3 answer: the size the range missed
        Reply past = reply(416, "text/plain", "");
        past.headers.append(qMakePair(QByteArray("Content-Range"), "bytes */" + QByteArray::number(size)));
        return past;
    }
    rep.status = 206;
    f.seek(from);
    rep.body = f.read(to - from + 1);
    rep.headers.append(qMakePair(QByteArray("Content-Range"),
        "bytes " + QByteArray::number(from) + '-' + QByteArray::number(to) + '/' + QByteArray::number(size)));
    return rep;
}

} // namespace
