import QtQuick
import Kiosk
import Kiosk.Backend

// Types of abuse: one list for children, one for adults.
ScrollPage {
    objectName: "screen:abuse-types"
    Heading { text: qsTr("What is abuse?") }
    Para { text: qsTr("Choose a type of abuse to read what it is and the signs you might notice.") }
    Repeater {
        model: Content.abuseGroups
        Column {
            required property var modelData
            width: parent.width
            spacing: Theme.gap
            Heading { level: 2; text: modelData.title; topPadding: Theme.gap }
            Para { text: modelData.intro; color: Theme.inkMuted }
            Repeater {
                model: modelData.types
                ChoiceButton {
                    required property var modelData
                    width: parent.width
                    text: modelData.title
                    detail: modelData.summary
                    target: "abuse:" + modelData.id
                    onActivated: Session.go(target)
                }
            }
        }
    }
}
