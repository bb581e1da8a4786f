#!/usr/bin/env bash
# Compiles infra/main.bicep (and the modules it uses) with the Bicep compiler restored from NuGet.
# Fails on any compiler or linter error or warning, so the templates stay deployable as written.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
version="0.49.2"

dotnet restore "$here/Bicep.proj" --verbosity quiet

packages="$(dotnet msbuild "$here/Bicep.proj" -getProperty:NuGetPackageRoot 2>/dev/null || true)"
packages="${packages:-${NUGET_PACKAGES:-$HOME/.nuget/packages}}"
bicep="${packages%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [[ ! -f "$bicep" ]]; then
  echo "bicep compiler not found at $bicep after restoring $here/Bicep.proj" >&2
  exit 1
fi
# NuGet does not keep the executable bit when it extracts a package.
chmod +x "$bicep"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "bicep $("$bicep" --version)"
status=0
diagnostics="$("$bicep" build "$root/infra/main.bicep" --outdir "$out" 2>&1)" || status=$?
if [[ -n "$diagnostics" ]]; then
  echo "$diagnostics"
fi
if [[ $status -ne 0 ]] || grep -qE "Warning|Error" <<<"$diagnostics"; then
  echo "infra/main.bicep: compile failed (exit $status) or reported warnings" >&2
  exit 1
fi
if [[ ! -s "$out/main.json" ]]; then
  echo "infra/main.bicep: compiler wrote no main.json" >&2
  exit 1
fi
echo "infra/main.bicep: compiled with no errors or warnings"
