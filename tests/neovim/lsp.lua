-- Drives Neovim's built-in LSP client against mtlint-language-server and
-- writes what it saw to $MTLINT_OUT as JSON. Written for Neovim 0.7 (Debian
-- 12): vim.lsp.start_client + buf_attach_client (vim.lsp.start is 0.8+).
local out = assert(os.getenv('MTLINT_OUT'))
local server = assert(os.getenv('MTLINT_SERVER'))
local file = assert(os.getenv('MTLINT_FILE'))
local result = {steps = {}}

local function finish(err)
  result.error = err
  local handle = assert(io.open(out, 'w'))
  handle:write(vim.fn.json_encode(result))
  handle:close()
  vim.cmd('qall!')
end

local function snapshot(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(list, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source,
      code = d.code or lsp.code
    })
  end
  return list
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'mtlint',
    cmd = {'node', server, '--stdio'},
    root_dir = vim.fn.fnamemodify(file, ':h'),
    settings = {mtlint = {debounce = 50, entries = {['putin-poutine'] = 'warning'}}},
    -- What nvim-lspconfig does on Neovim 0.7: send the settings as
    -- workspace/didChangeConfiguration {settings = {mtlint = …}}.
    on_init = function(client)
      client.notify('workspace/didChangeConfiguration', {settings = client.config.settings})
    end,
  })
  assert(client_id, 'could not start the server')
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  local function has_code(code)
    for _, d in ipairs(snapshot(bufnr)) do
      if d.code == code then return d end
    end
  end

  -- The settings arrive after initialization: wait for the re-lint they cause.
  local seen = vim.wait(20000, function()
    local d = has_code('putin-poutine')
    return d ~= nil and d.severity == vim.diagnostic.severity.WARN
  end, 20)
  result.steps.diagnostics = snapshot(bufnr)
  if not seen then return finish('no diagnostics with the settings applied') end

  local target = has_code('putin-poutine')
  local params = {
    textDocument = {uri = vim.uri_from_bufnr(bufnr)},
    range = {start = {line = target.lnum, character = target.col}, ['end'] = {line = target.end_lnum, character = target.end_col}},
    context = {diagnostics = {}},
  }
  local response = client.request_sync('textDocument/codeAction', params, 10000, bufnr)
  assert(response and response.result, 'no code action response')
  local preferred
  result.steps.actions = {}
  for _, action in ipairs(response.result) do
    table.insert(result.steps.actions, action.title)
    if action.isPreferred then preferred = action end
  end
  assert(preferred, 'no preferred quick fix')
  vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding or 'utf-16')
  result.steps.line = vim.api.nvim_buf_get_lines(bufnr, target.lnum, target.lnum + 1, false)[1]

  local gone = vim.wait(20000, function()
    return has_code('putin-poutine') == nil
  end, 20)
  result.steps.after = snapshot(bufnr)
  if not gone then return finish('the warning did not go after the fix') end
  vim.lsp.stop_client(client_id)
  finish(nil)
end)
if not ok then finish(tostring(err)) end
