import QtQuick
import Kiosk
import Kiosk.Backend

// One staff screen: its title and what Staff has to say stay at the top, the body scrolls, the
// buttons in `footer` stay at the foot. English only, laid out left to right.
Item {
    id: page
    property string title
    default property alias content: body.data
    property alias footer: foot.data
    implicitHeight: header.implicitHeight + body.implicitHeight + foot.implicitHeight + 2 * Theme.gap

    Column {
        id: header
        width: parent.width
        spacing: Theme.gap
        Heading { text: page.title; font.family: "Noto Sans" }
        Para {
            objectName: "staffMessage"
            text: Staff.message
            visible: text.length > 0
            font.family: "Noto Sans"
            font.bold: true
        }
        Repeater {
            model: Staff.details
            Para {
                required property string modelData
                objectName: "staffDetail"
                text: "• " + modelData
                font.family: "Noto Sans"
                font.pixelSize: Theme.textSmall
            }
        }
    }
    Flickable {
        id: flick
        objectName: "staffScroll"
        anchors {
            top: header.bottom
            topMargin: Theme.gap
            left: parent.left
            right: parent.right
            bottom: foot.top
            bottomMargin: foot.implicitHeight > 0 ? Theme.gap : 0
        }
        contentHeight: body.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        flickableDirection: Flickable.VerticalFlick
        readonly property bool isScrollPage: true
        function ensureVisible(item) {
            var top = item.mapToItem(contentItem, 0, 0).y
            if (top < contentY)
                contentY = Math.max(0, top - Theme.gap)
            else if (top + item.height > contentY + height)
                contentY = Math.min(contentHeight - height, top + item.height - height + Theme.gap)
        }
        Column {
            id: body
            width: flick.width - (flick.contentHeight > flick.height ? 24 : 0)
            spacing: Theme.gap
        }
    }
    Rectangle {
        // Scroll position, shown only when there is more below or above.
        visible: flick.contentHeight > flick.height
        x: flick.x + flick.width - width
        y: flick.y + flick.visibleArea.yPosition * flick.height
        width: 10
        radius: 5
        color: Theme.border
        height: Math.max(40, flick.visibleArea.heightRatio * flick.height)
    }
    Column {
        id: foot
        anchors.bottom: parent.bottom
        width: parent.width
        spacing: Theme.gap
    }
}
