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

    // Keep what has keyboard focus on screen. A section (a heading with keyboard focus) is brought
    // to the top, so the text under it shows too: a screen reader's flat review reads what shows.
    function ensureVisible(item, section) {
        var top = item.mapToItem(contentItem, 0, 0).y
        var bottom = Math.max(0, contentHeight - height)
        if (section)
            contentY = Math.max(0, Math.min(bottom, top - Theme.gap))
        else if (top < contentY)
            contentY = Math.max(0, top - Theme.gap)
        else if (top + item.height > contentY + height)
            contentY = Math.min(bottom, top + item.height - height + Theme.gap)
    }

    // On a new screen the focus goes to its heading, so a screen reader announces it and the
    // next Tab goes on from there (as focus moves into a new view in platform apps).
    function focusHeading() {
        var heading = firstHeading(column)
        if (heading) heading.forceActiveFocus(Qt.OtherFocusReason)
        return heading !== null
    }
    function firstHeading(item) {
        for (var i = 0; i < item.children.length; ++i) {
            var child = item.children[i]
            if (!child.visible) continue
            if (child.isHeading) return child
            var found = firstHeading(child)
            if (found) return found
        }
        return null
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
