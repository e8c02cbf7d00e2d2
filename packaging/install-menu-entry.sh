#!/bin/sh
# Add sacroref to this user's application menu, pointing at this folder wherever it is.
# Run it again after moving the folder. Writes one file, in the user's own menu folder.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mkdir -p "$apps"
{
    echo "[Desktop Entry]"
    echo "Type=Application"
    echo "Name=sacroref"
    echo "GenericName=Coding quick reference"
    echo "Comment=Offline ICD-10-PCS and CPT quick reference for sacral procedures"
    echo "Exec=\"$here/sacroref\""
    echo "TryExec=$here/sacroref"
    echo "Icon=$here/sacroref.png"
    echo "Terminal=false"
    echo "Categories=Office;MedicalSoftware;"
} > "$apps/sacroref.desktop"
echo "sacroref: menu entry written to $apps/sacroref.desktop"
