import QtQuick
import Kiosk
import Kiosk.Backend

// Reading help on every screen, low on the screen where everyone can reach it:
// listen, text size, contrast, Easy Read and language.
Rectangle {
    id: bar
    signal languageRequested()
    implicitHeight: flow.implicitHeight + 2 * 12
    color: Theme.surface

    Rectangle { anchors.top: parent.top; width: parent.width; height: 2; color: Theme.border }

    Flow {
        id: flow
        x: Theme.gap
        y: 12
        width: parent.width - 2 * Theme.gap
        spacing: Theme.gap
        TouchButton {
            objectName: "textSize"
            readonly property var names: [qsTr("Standard"), qsTr("Large"), qsTr("Largest")]
            text: qsTr("Text size")
            detail: names[Display.textStep]
            kind: "quiet"
            onActivated: Display.setTextStep((Display.textStep + 1) % Display.textSteps)
        }
        TouchButton {
            objectName: "contrast"
            text: qsTr("High contrast")
            detail: Display.highContrast ? qsTr("On") : qsTr("Off")
            kind: Display.highContrast ? "primary" : "quiet"
            Accessible.role: Accessible.CheckBox
            Accessible.checkable: true
            Accessible.checked: Display.highContrast
            onActivated: Display.setHighContrast(!Display.highContrast)
        }
        TouchButton {
            objectName: "easyRead"
            visible: Session.easyReadOffered && Session.language !== Session.easyReadCode
            text: "Easy Read"
            detail: "English"
            kind: "quiet"
            onActivated: Session.setLanguage(Session.easyReadCode)
        }
        TouchButton {
            id: language
            objectName: "language"
            // "Language" in the current language, with the current language's own name beneath.
            text: qsTr("Language")
            detail: Session.languageName
            kind: "quiet"
            onActivated: bar.languageRequested()
        }
    }
}
