import QtQuick
import Kiosk

// One contact: who answers, and the number in very large type.
Rectangle {
    id: card
    property string name
    property string shownPhone
    property string phone
    property string email
    property string whoFor
    property bool big: false

    width: parent ? parent.width : implicitWidth
    readonly property int padding: big ? Theme.gapLarge : Theme.gap
    implicitHeight: column.implicitHeight + 2 * padding
    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border
    border.width: 2
    // A Tab stop, read as the contact's name, a comma, then the number with its digits as shown:
    // the number is what a resident came for, so a screen reader must be able to land on it.
    activeFocusOnTab: true
    Accessible.role: Accessible.StaticText
    Accessible.name: Reading.join(Reading.join(name, phone), email)
    Accessible.ignored: !visible
    FocusRing { radius: card.radius }
    Keys.onPressed: (event) => Reading.arrow(card, event, LayoutMirroring.enabled)
    onActiveFocusChanged: if (activeFocus) Reading.reveal(card)

    Column {
        id: column
        x: card.padding + Theme.gap
        y: card.padding
        width: parent.width - 2 * (card.padding + Theme.gap)
        spacing: 4
        Text {
            width: parent.width
            text: card.name
            horizontalAlignment: Text.AlignLeft
            color: Theme.inkMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.textLarge
            wrapMode: Text.Wrap
        }
        Text {
            objectName: "number"
            // As wide as the number, at the reading edge (mirrored to the right in RTL).
            width: Math.min(implicitWidth, parent.width)
            anchors.left: parent.left
            visible: card.shownPhone.length > 0
            text: card.shownPhone
            color: Theme.ink
            font.family: Theme.fontFamily
            font.pixelSize: card.big ? Theme.textNumber : Theme.textNumberSmall
            font.bold: true
            horizontalAlignment: Text.AlignLeft  // explicit, so it mirrors to the reading edge in RTL
            // Never break inside a number; the layout tests catch one that does not fit.
            wrapMode: Text.NoWrap
        }
        Text {
            objectName: "email"
            width: Math.min(implicitWidth, parent.width)
            anchors.left: parent.left
            visible: card.email.length > 0
            text: card.email
            color: Theme.ink
            font.family: Theme.fontFamily
            font.pixelSize: Theme.textHeading
            font.bold: true
            horizontalAlignment: Text.AlignLeft
            wrapMode: Text.NoWrap
        }
        Para {
            visible: card.whoFor.length > 0
            text: card.whoFor
            color: Theme.inkMuted
        }
    }
}
