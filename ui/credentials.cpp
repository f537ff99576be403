#include "ui/credentials.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <qt6keychain/keychain.h>

namespace unclouded::ui {

namespace {

const QString kService = QStringLiteral("Unclouded");

// QtKeychain says "Unknown error" when no keychain service answers (no desktop session).
QString explain(const QKeychain::Job* j)
{
    return Credentials::tr("%1 (is a keychain service such as GNOME Keyring or KWallet running?)")
        .arg(j->errorString());
}

QString keyFor(const QString& endpoint)
{
    return QStringLiteral("stac/") + endpoint;
}

} // namespace

Credentials::Credentials(QObject* parent)
    : QObject(parent)
{
}

void Credentials::store(const QString& endpoint, const QString& user, const QString& password)
{
    auto* job = new QKeychain::WritePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plain-text file instead
    job->setKey(keyFor(endpoint));
    job->setBinaryData(QJsonDocument(
        QJsonObject { { QStringLiteral("user"), user }, { QStringLiteral("password"), password } })
                           .toJson(QJsonDocument::Compact));
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job* j) {
        Q_EMIT stored(
            j->error() == QKeychain::NoError, j->error() == QKeychain::NoError ? QString() : explain(j));
    });
    job->start();
}

void Credentials::load(const QString& endpoint)
{
    auto* job = new QKeychain::ReadPasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(keyFor(endpoint));
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job* j) {
        const auto* r = static_cast<QKeychain::ReadPasswordJob*>(j);
        if (r->error() != QKeychain::NoError) {
            Q_EMIT loaded(false, {}, {},
                r->error() == QKeychain::EntryNotFound ? tr("no login kept for it") : explain(r));
            return;
        }
        const QJsonObject o = QJsonDocument::fromJson(r->binaryData()).object();
        Q_EMIT loaded(true, o.value(QStringLiteral("user")).toString(),
            o.value(QStringLiteral("password")).toString(), {});
    });
    job->start();
}

void Credentials::remove(const QString& endpoint)
{
    auto* job = new QKeychain::DeletePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(keyFor(endpoint));
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job* j) {
        Q_EMIT removed(
            j->error() == QKeychain::NoError, j->error() == QKeychain::NoError ? QString() : explain(j));
    });
    job->start();
}

} // namespace unclouded::ui
