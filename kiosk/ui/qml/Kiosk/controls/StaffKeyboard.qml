import QtQuick
import Kiosk
import Kiosk.Backend

// A compact letter keyboard for the staff settings: each row is 11 units wide, every key at least
// 72 px high. Letters go to SettingsEditor.typeKey; Shift makes the next letter a capital.
Column {
    id: kb
    spacing: 8
    readonly property bool shift: SettingsEditor.settings.shift === true
    readonly property real unit: (width - 10 * spacing) / 11
    readonly property var rows: [
        [["1", 1], ["2", 1], ["3", 1], ["4", 1], ["5", 1], ["6", 1], ["7", 1], ["8", 1], ["9", 1], ["0", 1], ["-", 1]],
        [["q", 1], ["w", 1], ["e", 1], ["r", 1], ["t", 1], ["y", 1], ["u", 1], ["i", 1], ["o", 1], ["p", 1], ["'", 1]],
        [["a", 1], ["s", 1], ["d", 1], ["f", 1], ["g", 1], ["h", 1], ["j", 1], ["k", 1], ["l", 1], ["&", 1], ["/", 1]],
        [["shift", 2], ["z", 1], ["x", 1], ["c", 1], ["v", 1], ["b", 1], ["n", 1], ["m", 1], [",", 1], [".", 1]],
        [["_", 1], [":", 1], ["space", 3], ["delete", 2], ["clear", 2], ["done", 2]]
    ]
    LayoutMirroring.enabled: false

    Repeater {
        model: kb.rows
        Row {
            required property var modelData
            spacing: kb.spacing
            Repeater {
                model: parent.modelData
                StaffKey {
                    required property var modelData
                    readonly property string name: modelData[0]
                    objectName: "kb:" + name
                    width: modelData[1] * kb.unit + (modelData[1] - 1) * kb.spacing
                    highlighted: (name === "shift" && kb.shift) || name === "done"
                    label: name === "shift" ? "Shift"
                         : name === "space" ? "Space"
                         : name === "delete" ? "Delete"
                         : name === "clear" ? "Clear"
                         : name === "done" ? "Done"
                         : (kb.shift ? name.toUpperCase() : name)
                    onActivated: {
                        if (name === "shift") SettingsEditor.shiftKey()
                        else if (name === "space") SettingsEditor.typeKey(" ")
                        else if (name === "delete") SettingsEditor.deleteKey()
                        else if (name === "clear") SettingsEditor.clearText()
                        else if (name === "done") SettingsEditor.doneText()
                        else SettingsEditor.typeKey(name)
                    }
                }
            }
        }
    }
}
