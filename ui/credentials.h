// Logins kept in the system keychain through QtKeychain (Secret Service / KWallet on Linux, the
// macOS Keychain, the Windows Credential Store), never in plain text; one entry per catalogue.
#pragma once

#include <QObject>
#include <QString>

namespace unclouded::ui {

class Credentials : public QObject
{
    Q_OBJECT
public:
    explicit Credentials(QObject* parent = nullptr);

    // Asynchronous; each ends with its signal (ok false and the keychain's message when it failed,
    // e.g. no keychain service running).
    void store(const QString& endpoint, const QString& user, const QString& password);
    void load(const QString& endpoint);
    void remove(const QString& endpoint);

Q_SIGNALS:
    void stored(bool ok, const QString& error);
    void loaded(bool ok, const QString& user, const QString& password, const QString& error);
    void removed(bool ok, const QString& error);
};

} // namespace unclouded::ui
