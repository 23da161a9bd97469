-- `npm run test:nvim`: Slant's language server in Neovim (0.7.2, Debian's), a second LSP client
-- beside VS Code. Starts `node dist/cli.cjs lsp --stdio` with vim.lsp.start_client, opens a
-- sample and checks the pushed diagnostics, a hover and a quick fix (applied, then re-checked)
-- against `slant check --format json` on the same file. Exits 0 when every check passes, 1 with
-- a message otherwise. Run from the repository root after `npm run build`:
--   e2e/nvim/run.sh (npm run test:nvim)

local ROOT = vim.fn.getcwd()
local SAMPLE = ROOT .. '/samples/levant-ledger-bases.md'
-- The phrase the checks act on (e2e/lib/sample.ts FLAGGED): found by substring, never by number.
local CONTEXT, WORD = 'the Assad regime', 'regime'
local TIMEOUT = 30000
local SEVERITY = { error = 1, warning = 2, info = 3, hint = 4 }

local function log(message)
  io.stdout:write('nvim: ' .. message .. '\n')
end

local function check(condition, message)
  if not condition then error(message, 0) end
end

local function wait_for(what, condition)
  local ok = vim.wait(TIMEOUT, condition, 50)
  check(ok, 'timed out after ' .. TIMEOUT .. ' ms waiting for ' .. what)
end

-- The 0-based line and UTF-16 character of WORD inside CONTEXT in the buffer.
local function locate(bufnr, context, word)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local at = line:find(context, 1, true)
    if at then
      local byte = at - 1 + context:find(word, 1, true) - 1
      local _, utf16 = vim.str_utfindex(line, byte)
      return { line = i - 1, character = utf16 }
    end
  end
  error('"' .. context .. '" is not in the buffer', 0)
end

local function cli_report()
  local out = vim.fn.system({ 'node', ROOT .. '/dist/cli.cjs', 'check', '--format', 'json', '--no-config', SAMPLE })
  check(vim.v.shell_error == 0, 'slant check failed: ' .. out)
  return vim.fn.json_decode(out).files[1]
end

local function starts_at(d, pos)
  return d.range.start.line == pos.line and d.range.start.character == pos.character
end

local function main()
  local report = cli_report()
  -- The raw diagnostics as the server sent them (their `data` is what quick fixes are built from).
  local published = { version = -1, diagnostics = {} }
  local client_id = vim.lsp.start_client({
    name = 'slant',
    cmd = { 'node', ROOT .. '/dist/cli.cjs', 'lsp', '--stdio' },
    root_dir = ROOT .. '/samples',
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        published = { version = result.version or -1, diagnostics = result.diagnostics }
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
      end,
    },
  })
  check(client_id ~= nil, 'the server did not start')
  -- -u NONE leaves file-type detection off; the server reads only markdown and plaintext documents.
  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(SAMPLE))
  local bufnr = vim.api.nvim_get_current_buf()
  check(vim.bo[bufnr].filetype == 'markdown', 'the sample opened as "' .. vim.bo[bufnr].filetype .. '", not markdown')
  check(vim.lsp.buf_attach_client(bufnr, client_id), 'could not attach the client')

  -- 1. Diagnostics: one per finding of `slant check`, and the flagged word's matches the CLI's.
  local pos = locate(bufnr, CONTEXT, WORD)
  local finding
  for _, f in ipairs(report.findings) do
    if f.start.line == pos.line + 1 and f.start.column == pos.character + 1 then finding = f end
  end
  check(finding ~= nil, 'slant check reports nothing at "' .. CONTEXT .. '"')
  wait_for('diagnostics', function() return #published.diagnostics > 0 end)
  check(#published.diagnostics == #report.findings,
    ('%d diagnostics, but slant check reports %d findings'):format(#published.diagnostics, #report.findings))
  local diagnostic
  for _, d in ipairs(published.diagnostics) do
    if starts_at(d, pos) then diagnostic = d end
  end
  check(diagnostic ~= nil, 'no diagnostic on "' .. WORD .. '" in "' .. CONTEXT .. '"')
  check(diagnostic.source == 'slant', 'source is ' .. tostring(diagnostic.source))
  check(diagnostic.code == finding.ruleId, 'code is ' .. tostring(diagnostic.code) .. ', expected ' .. finding.ruleId)
  check(diagnostic.severity == SEVERITY[finding.severity], 'severity ' .. tostring(diagnostic.severity) .. ' for a ' .. finding.severity .. ' finding')
  check(diagnostic.message == finding.message, 'message "' .. diagnostic.message .. '", expected "' .. finding.message .. '"')
  check(#vim.diagnostic.get(bufnr) == #published.diagnostics, 'Neovim did not take the diagnostics')
  log(('ok diagnostics (%d)'):format(#published.diagnostics))

  -- 2. Hover: the finding's note, its rule and the first alternative.
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = pos }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, TIMEOUT)
  local hover = responses and responses[client_id] and responses[client_id].result
  check(hover ~= nil, 'no hover on "' .. WORD .. '"')
  -- The hover escapes Markdown punctuation in the note.
  local text = hover.contents.value:gsub('\\', '')
  for _, part in ipairs({ finding.note:sub(1, 80), finding.ruleId, finding.expected[1] }) do
    check(text:find(part, 1, true), 'the hover lacks "' .. part .. '": ' .. text)
  end
  log('ok hover')

  -- 3. Quick fix: "Annotate … as reviewed", applied; the finding goes, the others stay.
  local action_params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = diagnostic.range,
    context = { diagnostics = { diagnostic } },
  }
  responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', action_params, TIMEOUT)
  local actions = responses and responses[client_id] and responses[client_id].result or {}
  local annotate
  for _, a in ipairs(actions) do
    if a.title:find('Annotate “' .. WORD .. '” as reviewed', 1, true) then annotate = a end
  end
  check(annotate ~= nil and annotate.edit ~= nil, 'no "Annotate as reviewed" quick fix among ' .. #actions .. ' actions')
  local before = #published.diagnostics
  local version = published.version
  vim.lsp.util.apply_workspace_edit(annotate.edit, 'utf-16')
  local marked = CONTEXT:gsub(WORD, '{==' .. WORD .. '==}{>>slant loaded:', 1)
  local line = vim.api.nvim_buf_get_lines(bufnr, pos.line, pos.line + 1, false)[1]
  check(line:find(marked, 1, true), 'the annotated line lacks "' .. marked .. '": ' .. line)
  wait_for('diagnostics after the quick fix', function() return published.version > version end)
  check(#published.diagnostics == before - 1, ('%d diagnostics after the quick fix, expected %d'):format(#published.diagnostics, before - 1))
  local moved = locate(bufnr, CONTEXT:gsub(WORD, '{==' .. WORD, 1), WORD)
  for _, d in ipairs(published.diagnostics) do
    check(not starts_at(d, moved), 'the annotated word is still flagged')
  end
  log('ok quick fix')
  vim.lsp.stop_client(client_id)
end

local ok, err = pcall(main)
if ok then
  log('passed')
  vim.cmd('qall!')
else
  io.stderr:write('nvim: FAILED: ' .. tostring(err) .. '\n')
  vim.cmd('cquit 1')
end
