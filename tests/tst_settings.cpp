// Typed settings: values round-trip through a settings file, defaults stand in for what was never
// stored, and a remembered widget comes back as the user left it (a panel's options survive a restart).
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QListWidget>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include "ui/evalpanel.h"
#include "ui/language.h"
#include "ui/mainwindow.h"
#include "ui/preferencesdialog.h"
#include "ui/reconpanel.h"
#include "ui/searchpanel.h"
#include "ui/settings.h"
#include "ui/trainpanel.h"

using namespace unclouded::ui;

class TestSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("UncloudedTest"));
        // Every QSettings() of this process reads and writes one file in a temporary folder.
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
        QSettings().clear();
    }

    void cleanup() { QSettings().clear(); }

    void valuesRoundTrip()
    {
        const Setting<int> number { "test/number", 7 };
        const Setting<double> real { "test/real", 0.5 };
        const Setting<bool> flag { "test/flag", true };
        const Setting<QString> text { "test/text", QStringLiteral("telea") };
        const Setting<QStringList> list { "test/list" };
        QCOMPARE(number.get(), 7); // never stored: the default
        QCOMPARE(text.get(), QStringLiteral("telea"));
        number.set(42);
        real.set(5e-5);
        flag.set(false);
        text.set(QStringLiteral("temporal"));
        list.set({ QStringLiteral("3"), QStringLiteral("8") });
        QSettings().sync();
        QVERIFY(QFileInfo::exists(QSettings().fileName()));
        QVERIFY(QSettings().fileName().startsWith(m_dir.path()));
        QCOMPARE(number.get(), 42);
        QCOMPARE(real.get(), 5e-5);
        QCOMPARE(flag.get(), false);
        QCOMPARE(text.get(), QStringLiteral("temporal"));
        QCOMPARE(list.get(), (QStringList { QStringLiteral("3"), QStringLiteral("8") }));
        number.reset();
        QCOMPARE(number.get(), 7);
    }

    void widgetsComeBackAsLeft()
    {
        const Setting<QString> method { "test/method" };
        const Setting<int> epochs { "test/epochs", 20 };
        const Setting<double> gamma { "test/gamma", 1.0 };
        const Setting<bool> rotate { "test/rotate", false };
        const Setting<int> opacity { "test/opacity", 45 };
        auto build = [&](QWidget& parent) {
            auto* combo = new QComboBox(&parent);
            combo->addItem(QStringLiteral("Telea"), QStringLiteral("telea"));
            combo->addItem(QStringLiteral("Model"), 3); // int data is matched too
            auto* spin = new QSpinBox(&parent);
            spin->setRange(1, 1000);
            spin->setValue(20);
            auto* dspin = new QDoubleSpinBox(&parent);
            dspin->setRange(0.2, 3.0);
            dspin->setValue(1.0);
            auto* check = new QCheckBox(&parent);
            auto* slider = new QSlider(&parent);
            slider->setRange(0, 100);
            slider->setValue(45);
            remember(combo, method);
            remember(spin, epochs);
            remember(dspin, gamma);
            remember(check, rotate);
            remember(slider, opacity);
        };
        {
            QWidget first;
            build(first);
            QCOMPARE(
                first.findChild<QSpinBox*>(QStringLiteral("test/epochs"))->value(), 20); // nothing stored yet
            first.findChild<QComboBox*>(QStringLiteral("test/method"))->setCurrentIndex(1);
            first.findChild<QSpinBox*>(QStringLiteral("test/epochs"))->setValue(3);
            first.findChild<QDoubleSpinBox*>(QStringLiteral("test/gamma"))->setValue(1.7);
            first.findChild<QCheckBox*>(QStringLiteral("test/rotate"))->setChecked(true);
            first.findChild<QSlider*>(QStringLiteral("test/opacity"))->setValue(80);
        }
        QWidget second; // "after a restart"
        build(second);
        QCOMPARE(second.findChild<QComboBox*>(QStringLiteral("test/method"))->currentIndex(), 1);
        QCOMPARE(second.findChild<QSpinBox*>(QStringLiteral("test/epochs"))->value(), 3);
        QCOMPARE(second.findChild<QDoubleSpinBox*>(QStringLiteral("test/gamma"))->value(), 1.7);
        QVERIFY(second.findChild<QCheckBox*>(QStringLiteral("test/rotate"))->isChecked());
        QCOMPARE(second.findChild<QSlider*>(QStringLiteral("test/opacity"))->value(), 80);
    }

    void trainingOptionsSurviveARestart()
    {
        {
            TrainPanel panel;
            auto* model = panel.findChild<QComboBox*>(settings::trainModel.key());
            QVERIFY(model);
            model->setCurrentIndex(model->findData(static_cast<int>(unclouded::ml::ModelKind::Cnn)));
            auto* preset = panel.findChild<QComboBox*>(QStringLiteral("trainPreset"));
            QVERIFY(preset);
            preset->setCurrentIndex(
                preset->findData(QStringLiteral("seed"))); // epochs, batch and rate as set below
            panel.findChild<QSpinBox*>(settings::trainEpochs.key())->setValue(3);
            panel.findChild<QSpinBox*>(settings::trainBatch.key())->setValue(8);
            panel.findChild<QCheckBox*>(settings::trainRotate90.key())->setChecked(true);
        }
        TrainPanel panel;
        const unclouded::ml::TrainOptions o = panel.options();
        QCOMPARE(o.model.kind, unclouded::ml::ModelKind::Cnn);
        QCOMPARE(o.preset, QStringLiteral("seed"));
        QCOMPARE(o.epochs, 3); // not the CNN's default of 10: the user's choice
        QCOMPARE(o.batch, 8);
        QVERIFY(o.rotate90);
    }

    // A new user (nothing stored) reconstructs with the shipped model and evaluates it beside the
    // classical methods; a method they choose is what the next start offers.
    void aNewUserStartsFromTheShippedModel()
    {
        {
            ReconPanel recon;
            QCOMPARE(recon.options().method.toString(), QStringLiteral("pretrained"));
            auto* method = recon.findChild<QComboBox*>(QStringLiteral("reconMethod"));
            method->setCurrentIndex(method->findData(QStringLiteral("telea")));
        }
        QCOMPARE(ReconPanel().options().method.toString(), QStringLiteral("telea"));
        EvalPanel eval;
        auto* list = eval.findChild<QListWidget*>(QStringLiteral("evalMethods"));
        QStringList ticked;
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->checkState() == Qt::Checked)
                ticked << list->item(i)->data(Qt::UserRole).toString();
        QCOMPARE(ticked,
            (QStringList { QStringLiteral("telea"), QStringLiteral("ns"), QStringLiteral("harmonic"),
                QStringLiteral("pretrained") }));
    }

    // The language: the system's unless one is chosen (View > Language), and the compiled German
    // translation answers tr() under the names the classes have at run time
    // ("unclouded::ui::MainWindow": lupdate must see the namespace).
    void languageChoice()
    {
        QCOMPARE(settings::language.get(), QStringLiteral("system"));
        QCOMPARE(chosenLocale(), QLocale::system());
        settings::language.set(QStringLiteral("de"));
        QCOMPARE(chosenLocale().language(), QLocale::German);
        settings::language.set(QStringLiteral("fr"));
        QCOMPARE(chosenLocale().language(), QLocale::French);
        settings::language.set(QStringLiteral("klingon"));
        QCOMPARE(chosenLocale(), QLocale::system());

        QTranslator de;
        QVERIFY(de.load(QLocale(QStringLiteral("de")), QStringLiteral("unclouded"), QStringLiteral("_"),
            QStringLiteral(UNCLOUDED_QM_DIR)));
        QCoreApplication::installTranslator(&de);
        QCOMPARE(MainWindow::tr("&File"), QStringLiteral("&Datei"));
        QCOMPARE(EvalPanel::tr("Evaluating %n method(s)…", nullptr, 1),
            QStringLiteral("1 Methode wird bewertet…"));
        QCOMPARE(EvalPanel::tr("Evaluating %n method(s)…", nullptr, 3),
            QStringLiteral("3 Methoden werden bewertet…"));
        // One English word, two meanings: the unit of field areas, and the area a search covers.
        QCOMPARE(PreferencesDialog::tr("Area"), QStringLiteral("Fläche"));
        QCOMPARE(SearchPanel::tr("Area"), QStringLiteral("Gebiet"));
        QCoreApplication::removeTranslator(&de);
        QCOMPARE(MainWindow::tr("&File"), QStringLiteral("&File"));

        // View > Language stores the choice (applied at the next start) and shows the current one.
        settings::language.reset();
        {
            MainWindow w;
            auto* system = w.findChild<QAction*>(QStringLiteral("actionLanguage_system"));
            auto* es = w.findChild<QAction*>(QStringLiteral("actionLanguage_es"));
            QVERIFY(system && es);
            QVERIFY(system->isChecked());
            es->trigger();
            QVERIFY(es->isChecked() && !system->isChecked());
            QCOMPARE(settings::language.get(), QStringLiteral("es"));
        }
        MainWindow again;
        QVERIFY(again.findChild<QAction*>(QStringLiteral("actionLanguage_es"))->isChecked());
    }

    // English, and the C locale of a session without LANG (as under a bare xvfb-run), get real
    // plurals: "1 method", "3 methods", not "method(s)". Last: the translators stay installed.
    void englishPlurals()
    {
        settings::language.set(QStringLiteral("en"));
        installTranslators(qApp);
        QCOMPARE(
            EvalPanel::tr("Evaluating %n method(s)…", nullptr, 1), QStringLiteral("Evaluating 1 method…"));
        QCOMPARE(
            EvalPanel::tr("Evaluating %n method(s)…", nullptr, 3), QStringLiteral("Evaluating 3 methods…"));
        for (QTranslator* t : qApp->findChildren<QTranslator*>()) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
        QCOMPARE(
            EvalPanel::tr("Evaluating %n method(s)…", nullptr, 3), QStringLiteral("Evaluating 3 method(s)…"));
        settings::language.reset();
        QLocale::setDefault(QLocale::c());
        QCOMPARE(chosenLocale(), QLocale::system());
        if (QLocale::system().language() != QLocale::C)
            QSKIP("the system locale is not C here: the C case is not reached");
        installTranslators(qApp); // the C locale installs the English plurals too
        QCOMPARE(QLocale().language(), QLocale::C);
        QCOMPARE(
            EvalPanel::tr("Evaluating %n method(s)…", nullptr, 3), QStringLiteral("Evaluating 3 methods…"));
    }
};

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"
