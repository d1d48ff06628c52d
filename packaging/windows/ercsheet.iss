; Inno Setup script for the Windows installer of ercsheet (Inno Setup 6).
;
; Build the one-folder app first (dist\ercsheet\ercsheet.exe, PyInstaller with
; packaging\ercsheet.spec), then, from the repository's root:
;
;   iscc /DAppVersion=0.1.0 packaging\windows\ercsheet.iss
;
; which writes dist\installer\ercsheet-0.1.0-setup.exe. The release workflow
; (.github\workflows\release.yml) passes the package's version. Signing the program and this
; installer: docs\installing.md, "Windows".
;
; Not built or run on the project's Linux machines: written from Inno Setup's documentation
; (https://jrsoftware.org/ishelp/); the first run on a Windows runner will tell.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\ercsheet.iss
#endif

; The exchange files' extension (the desktop helper chooses it; change it here and in
; packaging\macos\Info-extra.plist: tests\test_packaging_recipes.py checks they agree).
#define ExchangeExtension ".ercsheet"
#define ExchangeProgId "ercsheet.exchange"
#define AppName "ercsheet"
#define AppExe "ercsheet.exe"

[Setup]
; A fixed id: upgrades replace the installed version instead of installing beside it.
AppId={{EBBF18EA-A556-4A75-AD87-D01637570426}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ercsheet
; Paths below are relative to the repository's root.
SourceDir=..\..
OutputDir=dist\installer
OutputBaseFilename=ercsheet-{#AppVersion}-setup
SetupIconFile=resources\icons\ercsheet.ico
UninstallDisplayIcon={app}\{#AppExe}
; For the user alone, without administrator rights, into %LOCALAPPDATA%\Programs\ercsheet; an
; administrator may choose "for all users" in the dialog (or /ALLUSERS on the command line).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; The file association below: Explorer is told, no restart needed.
ChangesAssociations=yes
; x64 build; Windows 11 on Arm runs it under its x64 emulation (no native arm64 build: rl_accel
; has no Windows arm64 wheel, docs\installing.md).
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 1809 or later.
MinVersion=10.0.17763
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; The notices: Qt is LGPL, shipped as separate DLLs in the program's folder.
InfoBeforeFile=packaging\THIRD-PARTY-NOTICES.txt
#ifdef Sign
; Signs the installer and the uninstaller it writes; the sign tool "ercsheet" is defined on
; iscc's command line (/Sercsheet=…signtool sign … $f), the certificate coming from CI's secrets.
SignTool=ercsheet
SignedUninstaller=yes
#endif

[Files]
Source: "dist\ercsheet\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "packaging\THIRD-PARTY-NOTICES.txt"; DestDir: "{app}"; Flags: ignoreversion
Source: "packaging\licenses\*"; DestDir: "{app}\licenses"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autoprograms}\{#AppName} licences"; Filename: "{app}\THIRD-PARTY-NOTICES.txt"

[Registry]
; Per-user or per-machine as the installation (HKA): an exchange file opens in ercsheet, which
; imports it as File → Import does. Removed with the program.
Root: HKA; Subkey: "Software\Classes\{#ExchangeExtension}"; ValueType: string; ValueName: ""; ValueData: "{#ExchangeProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ExchangeExtension}\OpenWithProgids"; ValueType: string; ValueName: "{#ExchangeProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ExchangeProgId}"; ValueType: string; ValueName: ""; ValueData: "ercsheet exchange file"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ExchangeProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ExchangeProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: "{#ExchangeExtension}"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start ercsheet"; Flags: nowait postinstall skipifsilent

; The uninstaller removes the program's folder only: the assessor's records
; (%LOCALAPPDATA%\ercsheet\, the database and its backups) are never touched by it.
