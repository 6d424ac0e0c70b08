import QtQuick
import Kiosk

// A screen's content: kinetic scrolling, a visible scroll position, a comfortable reading width.
Flickable {
    id: flick
    default property alias content: column.data
    property alias spacing: column.spacing
    objectName: "scrollPage"
    contentWidth: width
    contentHeight: column.implicitHeight + 2 * Theme.pageMargin
    clip: true
    boundsBehavior: Flickable.StopAtBounds
    flickableDirection: Flickable.VerticalFlick
    readonly property bool isScrollPage: true

    // Keep what has keyboard focus on screen.
    function ensureVisible(item) {
        var top = item.mapToItem(contentItem, 0, 0).y
        if (top < contentY)
            contentY = Math.max(0, top - Theme.gap)
        else if (top + item.height > contentY + height)
            contentY = Math.min(contentHeight - height, top + item.height - height + Theme.gap)
    }

    Column {
        id: column
        x: Math.max(Theme.pageMargin, (flick.width - Theme.readingWidth) / 2)
        y: Theme.pageMargin
        width: Math.min(Theme.readingWidth, flick.width - 2 * Theme.pageMargin)
        spacing: Theme.gapLarge
    }

    Rectangle {
        // Scroll position, shown only when there is more to read.
        visible: flick.contentHeight > flick.height
        parent: flick
        anchors.right: parent.right
        anchors.rightMargin: 6
        width: 10
        radius: 5
        color: Theme.border
        y: flick.visibleArea.yPosition * flick.height
        height: Math.max(40, flick.visibleArea.heightRatio * flick.height)
    }
}
