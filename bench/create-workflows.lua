-- wrk script: each thread POSTs its share of uniquely named workflows, then stops.
-- Set TOTAL (all threads) and THREADS in the environment.
local total = tonumber(os.getenv("TOTAL") or "10000")
-- PREFIX keeps names and identifiers unique when a script creates several batches
local prefix = os.getenv("PREFIX") or ""
local threads = tonumber(os.getenv("THREADS") or "2")
local counter = 0
local id = 0

function setup(thread)
  id = id + 1
  thread:set("tid", id)
end

function init(args)
  quota = math.floor(total / threads)
  sent = 0
  done = 0
  failed = 0
end

function request()
  sent = sent + 1
  local n = prefix .. tid .. "-" .. sent
  local body = '{"name":"Bench workflow ' .. n .. '","identifier":"bench-' .. n .. '","tags":["bench"],'
    .. '"steps":[{"type":"in_app","template":{"content":"Hello {{subscriber.firstName}}, order {{orderId}} shipped"}},'
    .. '{"type":"email","template":{"subject":"Order {{orderId}}","content":"<p>Hi {{subscriber.firstName}}</p>"}}]}'
  -- wrk.format's headers replace the command line's -H ones, so carry them over
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Content-Type"] = "application/json"
  return wrk.format("POST", "/v1/notification-templates", headers, body)
end

function response(status, headers, body)
  done = done + 1
  if status ~= 201 then
    failed = failed + 1
    if failed == 1 then io.stderr:write("first failure: " .. status .. " " .. body .. "\n") end
  end
  if done >= quota then wrk.thread:stop() end
end
