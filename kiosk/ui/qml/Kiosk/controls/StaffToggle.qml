import QtQuick
import Kiosk

// An on/off setting: filled when on, and it says so in words.
TouchButton {
    property bool on: false
    property string note
    width: parent ? parent.width : implicitWidth
    kind: on ? "primary" : "normal"
    fontFamily: "Noto Sans"
    detail: (on ? "On" : "Off") + (note ? " — " + note : "")
    Accessible.role: Accessible.CheckBox
    Accessible.checkable: true
    Accessible.checked: on
}
