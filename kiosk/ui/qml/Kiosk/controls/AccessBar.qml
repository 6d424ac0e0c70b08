import QtQuick
import Kiosk
import Kiosk.Backend

// Reading help on every screen, low on the screen where everyone can reach it:
// listen, text size, contrast, Easy Read and language.
Rectangle {
    id: bar
    signal languageRequested()
    readonly property Item languageButton: language
    implicitHeight: notice.height + flow.implicitHeight + 2 * 12
    color: Theme.surface

    Rectangle { anchors.top: parent.top; width: parent.width; height: 2; color: Theme.border }

    // When there is no voice for the language shown: say so in that language, offer English.
    Column {
        id: notice
        objectName: "speechNotice"
        x: Theme.gap
        y: visible ? 12 : 0
        width: parent.width - 2 * Theme.gap
        height: visible ? implicitHeight + 12 : 0
        visible: Speech.notice.length > 0
        spacing: Theme.gap / 2
        Para { text: Speech.notice; font.pixelSize: Theme.textLarge }
        Row {
            spacing: Theme.gap
            TouchButton {
                objectName: "listenInEnglish"
                text: "Listen in English"
                kind: "primary"
                onActivated: { Session.setLanguage("en_GB"); Qt.callLater(Speech.listen) }
            }
            TouchButton {
                objectName: "dismissSpeechNotice"
                text: qsTr("Close")
                kind: "quiet"
                onActivated: Speech.dismiss()
            }
        }
    }

    Flow {
        id: flow
        readonly property int labelSize: 24
        x: Theme.gap
        y: notice.y + notice.height + 12
        width: parent.width - 2 * Theme.gap
        spacing: Theme.gap
        TouchButton {
            objectName: "listen"
            labelSize: flow.labelSize
            text: Speech.state === "speaking" ? qsTr("Pause")
                : Speech.state === "paused" ? qsTr("Carry on listening")
                : qsTr("Listen")
            Accessible.description: qsTr("Read this screen aloud")
            kind: Speech.state === "speaking" || Speech.state === "paused" ? "primary" : "quiet"
            onActivated: Speech.state === "speaking" ? Speech.pause()
                       : Speech.state === "paused" ? Speech.resume()
                       : Speech.listen()
        }
        TouchButton {
            objectName: "stopListening"
            labelSize: flow.labelSize
            visible: Speech.state === "speaking" || Speech.state === "paused"
            text: qsTr("Stop")
            kind: "quiet"
            onActivated: Speech.stop()
        }
        TouchButton {
            objectName: "textSize"
            labelSize: flow.labelSize
            readonly property var names: [qsTr("Standard"), qsTr("Large"), qsTr("Largest")]
            text: qsTr("Text size") + ": " + names[Display.textStep]
            kind: "quiet"
            onActivated: Display.setTextStep((Display.textStep + 1) % Display.textSteps)
        }
        TouchButton {
            objectName: "contrast"
            labelSize: flow.labelSize
            text: qsTr("High contrast") + ": " + (Display.highContrast ? qsTr("On") : qsTr("Off"))
            kind: Display.highContrast ? "primary" : "quiet"
            Accessible.role: Accessible.CheckBox
            Accessible.checkable: true
            Accessible.checked: Display.highContrast
            onActivated: Display.setHighContrast(!Display.highContrast)
        }
        TouchButton {
            objectName: "easyRead"
            labelSize: flow.labelSize
            visible: Session.easyReadOffered && Session.language !== Session.easyReadCode
            text: "Easy Read"
            kind: "quiet"
            onActivated: Session.setLanguage(Session.easyReadCode)
        }
        TouchButton {
            id: language
            objectName: "language"
            labelSize: flow.labelSize
            // "Language" in the current language, and the current language's own name.
            text: qsTr("Language") + ": " + Session.languageName
            kind: "quiet"
            onActivated: bar.languageRequested()
        }
    }
}
