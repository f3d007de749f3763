import type { SHELLS } from './complete.js'

/**
 * The shell side of completion: each script only collects the words typed so far and asks
 * `gomirror __complete` (see complete.ts), so commands, options, mirror ids and profile names stay
 * in step with the installed gomirror. Lines are `value<TAB>description`.
 */
export type Shell = (typeof SHELLS)[number]

/** Scripts are written as they run; in the source only `\${` and a backquote need a backslash. */
function script(strings: TemplateStringsArray): string {
  return strings.raw.join('').replaceAll('\\${', '${').replaceAll('\\`', '`')
}

const BASH = script`# bash completion for gomirror
# Load now: source <(gomirror completion bash)    Every shell: add that line to ~/.bashrc
_gomirror() {
  local line
  local -a words=("\${COMP_WORDS[@]:1:COMP_CWORD}")
  # The word under the cursor is always sent, even when it is still empty.
  (( \${#words[@]} < COMP_CWORD )) && words+=("")
  COMPREPLY=()
  while IFS= read -r line; do
    [[ -n $line ]] && COMPREPLY+=("\${line%%$'\t'*}")
  done < <(gomirror __complete "\${words[@]}" 2>/dev/null)
}
complete -o default -F _gomirror gomirror`

const ZSH = script`#compdef gomirror
# zsh completion for gomirror
# Load now: source <(gomirror completion zsh)    (after compinit; add that line to ~/.zshrc to keep it)
# Or install: gomirror completion zsh > "\${fpath[1]}/_gomirror"
_gomirror() {
  local -a candidates
  local line value desc
  for line in "\${(@f)$(gomirror __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}"; do
    [[ -z $line ]] && continue
    value=\${line%%$'\t'*}
    desc=
    [[ $line == *$'\t'* ]] && desc=\${line#*$'\t'}
    candidates+=("\${value//:/\\:}\${desc:+:$desc}")
  done
  if (( \${#candidates} )); then
    _describe -t values gomirror candidates
  else
    _default
  fi
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _gomirror "$@"
else
  compdef _gomirror gomirror
fi`

const FISH = script`# fish completion for gomirror
# Install: gomirror completion fish > ~/.config/fish/completions/gomirror.fish
function __gomirror_complete
    set -l words (commandline -opc)
    set -e words[1]
    # Quoted so an empty current token is still sent as one (empty) word.
    set -l current (commandline -ct)
    gomirror __complete $words "$current" 2>/dev/null
end
complete -c gomirror -e
complete -c gomirror -f -a '(__gomirror_complete)'`

const POWERSHELL = script`# PowerShell completion for gomirror
# Load now: gomirror completion powershell | Out-String | Invoke-Expression
# Every session: add that line to $PROFILE
Register-ArgumentCompleter -Native -CommandName gomirror -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $words = @($commandAst.CommandElements |
        Where-Object { $_.Extent.StartOffset -lt $cursorPosition } |
        Select-Object -Skip 1 |
        ForEach-Object { $_.Extent.Text })
    # Windows PowerShell 5.1 drops empty arguments to native commands, so an empty word is sent as "".
    if ($wordToComplete -eq '') { $words += '""' }
    & gomirror __complete @words 2>$null | ForEach-Object {
        $value, $description = $_ -split "\`t", 2
        if (-not $description) { $description = $value }
        [System.Management.Automation.CompletionResult]::new($value, $value, 'ParameterValue', $description)
    }
}`

export function completionScript(shell: Shell): string {
  return { bash: BASH, zsh: ZSH, fish: FISH, powershell: POWERSHELL }[shell]
}
