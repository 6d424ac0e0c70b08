import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Fusion
import QtQuick.Dialogs
import KioskDesk.Backend

// The reception desk: choose a slip, see it, print it. Enter prints from anywhere on the form, so
// the most asked-for slip is one keystroke away and any other is two or three.
ApplicationWindow {
    id: window
    objectName: "deskWindow"
    // Fits a 1280x720 laptop with its panel: the form scrolls rather than being cut off.
    width: Math.min(1180, Screen.desktopAvailableWidth)
    height: Math.min(800, Screen.desktopAvailableHeight)
    visible: true
    title: qsTr("Contact slips: reception desk")
    font.family: "Noto Sans"
    font.pixelSize: 16

    readonly property int gap: 12
    // While a list is open, Enter chooses in the list instead of printing.
    readonly property bool choosing: concernBox.popup.visible || languageBox.popup.visible
        || layoutBox.popup.visible || printerBox.popup.visible || saveDialog.visible

    // The adapter holds the choices; the controls follow it when it changes (the command line,
    // tests, a future "repeat last slip"), as well as setting it when a receptionist changes them.
    Connections {
        target: Desk
        function onContentChanged() { onOptionsChanged() }
        function onOptionsChanged() {
            concernBox.currentIndex = concernBox.indexOfValue(Desk.concern)
            languageBox.currentIndex = languageBox.indexOfValue(Desk.language)
            layoutBox.currentIndex = layoutBox.indexOfValue(Desk.layout)
            bilingualBox.checked = Desk.bilingual
            discreetBox.checked = Desk.discreet
            copiesBox.value = Desk.copies
        }
    }

    // Tab to a choice below the fold of a small screen scrolls the form to it.
    onActiveFocusItemChanged: {
        const item = activeFocusItem
        if (!item || !form.contains(form.mapFromItem(item, 0, 0)))
            return
        const flick = formScroll.contentItem
        const top = item.mapToItem(form, 0, 0).y - window.gap
        const bottom = top + item.height + 2 * window.gap
        if (top < flick.contentY)
            flick.contentY = Math.max(0, top)
        else if (bottom > flick.contentY + flick.height)
            flick.contentY = Math.min(form.height - flick.height, bottom - flick.height)
    }

    Shortcut {
        objectName: "printShortcut"
        sequences: ["Return", "Enter", StandardKey.Print]
        enabled: !window.choosing && !saveButton.activeFocus
        onActivated: Desk.printSlip()
    }
    Shortcut {
        sequences: [StandardKey.Save]
        enabled: !window.choosing
        onActivated: window.askWhereToSave()
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: 2 * window.gap
        spacing: 3 * window.gap

        ScrollView {
            id: formScroll
            objectName: "formScroll"
            Layout.preferredWidth: 420
            Layout.maximumWidth: 460
            Layout.fillHeight: true
            contentWidth: availableWidth
            clip: true
            focus: true  // a focus scope: the first choice inside it starts with the focus

            ColumnLayout {
                id: form
                width: formScroll.availableWidth - window.gap
                spacing: window.gap

                Label {
                    text: qsTr("Print a contact slip")
                    font.pixelSize: 26
                    font.bold: true
                }

                Label { text: qsTr("Concern"); font.bold: true }
                ComboBox {
                    id: concernBox
                    objectName: "concern"
                    Layout.fillWidth: true
                    focus: true
                    model: Desk.concerns
                    textRole: "title"
                    valueRole: "id"
                    Accessible.name: qsTr("Concern")
                    Component.onCompleted: currentIndex = indexOfValue(Desk.concern)
                    onActivated: Desk.concern = currentValue
                }

                Label { text: qsTr("Language"); font.bold: true }
                ComboBox {
                    id: languageBox
                    objectName: "language"
                    Layout.fillWidth: true
                    model: Desk.languages
                    textRole: "name"
                    valueRole: "code"
                    Accessible.name: qsTr("Language")
                    Component.onCompleted: currentIndex = indexOfValue(Desk.language)
                    onActivated: Desk.language = currentValue
                    delegate: ItemDelegate {
                        required property var modelData
                        required property int index
                        width: ListView.view.width
                        text: modelData.name
                        font.family: modelData.font
                        highlighted: languageBox.highlightedIndex === index
                    }
                }

                Label { text: qsTr("Layout"); font.bold: true }
                ComboBox {
                    id: layoutBox
                    objectName: "layout"
                    Layout.fillWidth: true
                    model: Desk.layouts
                    textRole: "title"
                    valueRole: "id"
                    Accessible.name: qsTr("Layout")
                    Component.onCompleted: currentIndex = indexOfValue(Desk.layout)
                    onActivated: Desk.layout = currentValue
                }

                CheckBox {
                    id: bilingualBox
                    objectName: "bilingual"
                    text: Desk.canBilingual ? qsTr("English as well (bilingual)") : qsTr("English as well (choose another language first)")
                    enabled: Desk.canBilingual
                    checked: Desk.bilingual
                    onToggled: Desk.bilingual = checked
                }
                CheckBox {
                    id: discreetBox
                    objectName: "discreet"
                    text: qsTr("Plain title: say only \"Useful numbers\"")
                    checked: Desk.discreet
                    onToggled: Desk.discreet = checked
                }

                RowLayout {
                    spacing: window.gap
                    Label { text: qsTr("Copies"); font.bold: true }
                    SpinBox {
                        id: copiesBox
                        objectName: "copies"
                        from: 1
                        to: Desk.maxCopies
                        value: Desk.copies
                        editable: false  // arrows change it; Enter still prints
                        Accessible.name: qsTr("Copies")
                        onValueModified: Desk.copies = value
                    }
                }

                Label { text: qsTr("Printer"); font.bold: true }
                ComboBox {
                    id: printerBox
                    objectName: "printer"
                    Layout.fillWidth: true
                    model: Desk.printers
                    displayText: Desk.printer !== "" ? Desk.printer : qsTr("No printer found")
                    Accessible.name: qsTr("Printer")
                    onActivated: Desk.printer = currentText
                }
                Label {
                    objectName: "printerStatus"
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    text: Desk.printerText
                    color: Desk.printerReady ? "#1b6b2f" : "#a11d1d"
                    font.bold: true
                }

                RowLayout {
                    spacing: window.gap
                    Button {
                        id: printButton
                        objectName: "print"
                        text: Desk.busy ? qsTr("Printing…") : qsTr("Print")
                        highlighted: true
                        enabled: !Desk.busy
                        onClicked: Desk.printSlip()
                    }
                    Button {
                        id: saveButton
                        objectName: "save"
                        text: qsTr("Save as PDF…")
                        onClicked: window.askWhereToSave()
                        Keys.onReturnPressed: window.askWhereToSave()
                        Keys.onEnterPressed: window.askWhereToSave()
                    }
                }
                Label {
                    objectName: "deskMessage"
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    text: Desk.message
                }
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: window.gap

            Label {
                objectName: "contentInfo"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: Desk.contentText
            }
            Label {
                objectName: "siteNotice"
                Layout.fillWidth: true
                visible: text !== ""
                wrapMode: Text.Wrap
                maximumLineCount: 3
                elide: Text.ElideRight
                color: "#a11d1d"
                text: Desk.siteNotice
            }
            Frame {
                Layout.fillWidth: true
                Layout.fillHeight: true
                padding: window.gap
                background: Rectangle { color: "#d9dce1"; radius: 4 }
                Image {
                    id: preview
                    objectName: "preview"
                    anchors.fill: parent
                    fillMode: Image.PreserveAspectFit
                    smooth: true
                    mipmap: true
                    cache: false
                    source: Desk.previewSource
                    Accessible.role: Accessible.Graphic
                    Accessible.name: qsTr("Preview of the slip")
                }
            }
            Label {
                objectName: "keyboardHelp"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: "#555"
                text: qsTr("Enter prints. Tab moves between choices; arrow keys change them. Ctrl+S saves as PDF.")
            }
        }
    }

    function askWhereToSave() {
        saveDialog.currentFolder = Desk.saveFolder
        saveDialog.open()
        saveDialog.selectedFile = Desk.saveFolder + "/" + Desk.suggestedFileName
    }

    FileDialog {
        id: saveDialog
        objectName: "saveDialog"
        title: qsTr("Save the slip as PDF")
        fileMode: FileDialog.SaveFile
        nameFilters: [qsTr("PDF files (*.pdf)")]
        defaultSuffix: "pdf"
        onAccepted: Desk.saveTo(selectedFile)
    }
}
