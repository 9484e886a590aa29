; Inno Setup script: a per-user Windows installer for the one-folder bundle (no admin rights).
;   python build\bundle.py
;   iscc /DAppVersion=0.1.0 build\installer.iss      -> dist\report-explorer-0.1.0-windows-x86_64-setup.exe
; Silent install:   report-explorer-...-setup.exe /VERYSILENT /CURRENTUSER /SUPPRESSMSGBOXES /NORESTART
; Silent uninstall: "%LOCALAPPDATA%\Programs\Report Explorer\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES
; Uninstalling removes the program only; the user's notes stay in %LOCALAPPDATA%\ReportExplorer.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define Root ".."

[Setup]
; A fixed AppId: later versions install over earlier ones.
AppId={{6B0F3C55-2A8E-4F0B-9A41-5C3E2D7A9E10}
AppName=Report Explorer
AppVersion={#AppVersion}
AppPublisher=Report Explorer
DefaultDirName={autopf}\Report Explorer
DefaultGroupName=Report Explorer
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=report-explorer-{#AppVersion}-windows-x86_64-setup
SetupIconFile={#Root}\build\work\icons\app.ico
UninstallDisplayIcon={app}\report-explorer.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Files]
Source: "{#Root}\dist\report-explorer\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Report Explorer"; Filename: "{app}\report-explorer.exe"
Name: "{autodesktop}\Report Explorer"; Filename: "{app}\report-explorer.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Run]
Filename: "{app}\report-explorer.exe"; Description: "Start Report Explorer"; Flags: nowait postinstall skipifsilent
