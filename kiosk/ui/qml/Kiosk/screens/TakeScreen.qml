import QtQuick
import Kiosk
import Kiosk.Backend

// Take the numbers away: scan the QR contact card, or make a slip. Both carry the numbers shown here.
ScrollPage {
    id: page
    objectName: "screen:take"
    readonly property string concern: Session.arg
    readonly property var take: Content.takeaway(concern, Session.discreet)
    readonly property bool wide: width > 1200

    Heading { objectName: "takeTitle"; text: take.title }

    // When printing fails the message points to the QR code: make sure it is on screen.
    Connections {
        target: Slips
        function onStateChanged() { if (Slips.state === "failed") page.ensureVisible(qrImage) }
    }
    Grid {
        id: layout
        width: parent.width
        columns: page.wide ? 2 : 1
        spacing: Theme.gapLarge

        Column {
            id: numbers
            width: page.wide ? layout.width - actions.width - layout.spacing : layout.width
            spacing: Theme.gap
            Repeater {
                model: take.contacts
                NumberCard {
                    required property var modelData
                    name: modelData.name
                    phone: modelData.phone
                    shownPhone: modelData.shownPhone
                    email: modelData.email
                }
            }
        }

        Column {
            id: actions
            width: page.wide ? 500 : layout.width
            spacing: Theme.gap

            Rectangle {
                width: parent.width
                height: qrColumn.implicitHeight + 2 * Theme.gap
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.border
                border.width: 2
                Column {
                    id: qrColumn
                    x: Theme.gap
                    y: Theme.gap
                    width: parent.width - 2 * Theme.gap
                    spacing: Theme.gap
                    Image {
                        id: qrImage
                        objectName: "qrCode"
                        anchors.horizontalCenter: parent.horizontalCenter
                        source: Content.images ? "image://qr/" + page.concern + "/" + (Session.discreet ? "1" : "0") + "/" + Session.language : ""
                        sourceSize.width: 380
                        sourceSize.height: 380
                        cache: false
                        smooth: false
                        Accessible.role: Accessible.Graphic
                        Accessible.name: qsTr("QR code with these numbers")
                    }
                    Para {
                        text: qsTr("Point your phone camera at the code to save these numbers as a contact.")
                        horizontalAlignment: Text.AlignHCenter
                    }
                }
            }

            TouchButton {
                objectName: "makeSlip"
                width: parent.width
                kind: "primary"
                text: Slips.state === "working" ? qsTr("Printing…") : qsTr("Print a slip")
                detail: qsTr("A small card with these numbers and the code")
                onActivated: Slips.make(page.concern, Session.discreet, Session.language)
            }

            Para {
                objectName: "slipStatus"
                visible: text.length > 0
                font.pixelSize: Theme.textLarge
                text: Slips.statusText
            }

            TouchButton {
                objectName: "listenToSlip"
                width: actions.width
                text: qsTr("Listen to the slip")
                detail: qsTr("Hear what the slip says before you print it")
                kind: "quiet"
                onActivated: Speech.listenTo(Content.slipSpeech(page.concern, Session.discreet))
            }

            TouchButton {
                objectName: "discreetToggle"
                width: parent.width
                text: Session.discreet ? qsTr("Plain title is on") : qsTr("Use a plain title")
                detail: Session.discreet
                    ? qsTr("The slip and the phone contact say only \"%1\". Tap to turn off.").arg(page.take.title)
                    : qsTr("The slip and the phone contact will not say what they are about.")
                kind: Session.discreet ? "primary" : "normal"
                Accessible.role: Accessible.CheckBox
                Accessible.checkable: true
                Accessible.checked: Session.discreet
                onActivated: Session.discreet = !Session.discreet
            }
        }
    }
}
