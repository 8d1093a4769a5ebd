; Windows installer of Dossier Ségur (NSIS 3, built by .ci/package with
; makensis). A per-user installation: no administrator rights, everything
; under the user's profile and HKEY_CURRENT_USER.
;   - %LOCALAPPDATA%\Programs\Dossier Segur\: dossier-segur.exe (the
;     application), dossier-segur-cli.exe (the command line for scripts),
;     desinstaller.exe;
;   - a Start-menu shortcut;
;   - the .segur file type, opened by dossier-segur.exe "%1";
;   - the entry in Settings > Apps (HKCU ...\Uninstall).
; Defined on the command line: VERSION, WINVERSION, OUTFILE, SRCDIR.
; A 64-bit installer, like the program (and Wine's 64-bit-only Debian build
; runs it).
Target amd64-unicode
SetCompressor /SOLID lzma
SetCompressorDictSize 64
RequestExecutionLevel user
ManifestDPIAware true

!define APPNAME "Dossier Ségur"
!define APPID "fr.segur-dossier.app"
!define PROGID "DossierSegur.Dossier"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPID}"

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Dossier Segur"
InstallDirRegKey HKCU "Software\${APPID}" "InstallDir"
Icon "${SRCDIR}\app.ico"
UninstallIcon "${SRCDIR}\app.ico"
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${WINVERSION}"
VIFileVersion "${WINVERSION}"
VIAddVersionKey /LANG=1036 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=1036 "FileDescription" "Installation de ${APPNAME}"
VIAddVersionKey /LANG=1036 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "LegalCopyright" "${APPNAME}"

!include "MUI2.nsh"
!define MUI_ICON "${SRCDIR}\app.ico"
!define MUI_UNICON "${SRCDIR}\app.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\dossier-segur.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Lancer ${APPNAME}"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "French"

Section "Application"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${SRCDIR}\dossier-segur.exe"
  File "${SRCDIR}\dossier-segur-cli.exe"
  WriteUninstaller "$INSTDIR\desinstaller.exe"
  WriteRegStr HKCU "Software\${APPID}" "InstallDir" "$INSTDIR"

  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\dossier-segur.exe" "" "$INSTDIR\dossier-segur.exe" 0

  ; The .segur file type: double-click opens the dossier.
  WriteRegStr HKCU "Software\Classes\.segur" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\.segur" "Content Type" "application/x-segur"
  WriteRegStr HKCU "Software\Classes\.segur\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Dossier de preuves Ségur"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" '"$INSTDIR\dossier-segur.exe",0'
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\dossier-segur.exe" "%1"'
  ; "dossier-segur" in the Run dialog (Win+R).
  WriteRegStr HKCU "Software\Microsoft\Windows\CurrentVersion\App Paths\dossier-segur.exe" "" "$INSTDIR\dossier-segur.exe"

  ; Settings > Apps: name, version, uninstaller.
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" '"$INSTDIR\dossier-segur.exe",0'
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\desinstaller.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\desinstaller.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  SectionGetSize 0 $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0

  ; Tell Explorer the file associations changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

; Removes the program, its shortcut and its registry entries. Dossiers
; (.segur files) belong to the user and stay where they are.
Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\dossier-segur.exe"
  Delete "$INSTDIR\dossier-segur-cli.exe"
  Delete "$INSTDIR\desinstaller.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"

  ReadRegStr $0 HKCU "Software\Classes\.segur" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.segur"
  DeleteRegValue HKCU "Software\Classes\.segur\OpenWithProgids" "${PROGID}"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "Software\Microsoft\Windows\CurrentVersion\App Paths\dossier-segur.exe"
  DeleteRegKey HKCU "Software\${APPID}"
  DeleteRegKey HKCU "${UNINSTKEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
