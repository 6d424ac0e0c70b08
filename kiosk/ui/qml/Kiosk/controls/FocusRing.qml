import QtQuick
import Kiosk
import Kiosk.Backend

// The focus indicator for keys and switches: two rings, so one always stands out (WCAG 2.4.13).
// Shown while keys are in use (as CSS's :focus-visible): a screen or dialog that gives itself the
// focus draws no ring for someone using touch. Made only while shown: dozens of items, one focus.
Loader {
    id: ring
    property bool shown: parent ? parent.activeFocus : false
    property real radius: Theme.radius
    active: shown && Session.keys
    anchors.fill: parent
    anchors.margins: -9
    sourceComponent: Rectangle {
        radius: ring.radius + 9
        color: "transparent"
        border.width: 5
        border.color: Theme.focus
        Rectangle {
            anchors.fill: parent
            anchors.margins: 5
            radius: ring.radius + 4
            color: "transparent"
            border.width: 4
            border.color: Theme.focusOutline
        }
    }
}
