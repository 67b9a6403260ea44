-- wrk script of the soak section (bench/sections/soak.sh). $SOAK_BODIES lists "field=path,field=path,...": each
-- request POSTs one of the JSON bodies at random (a field may repeat to weight it), where field is the query's root
-- field. A thread's connections interleave, so an answer is attributed by content: the first listed root field whose
-- quoted name the body contains (in data, or in an error's path), "other" when none. Per root field, done() prints
--   KIND field answers non200 graphql_errors last_error_unix_time
-- and then two summary lines:
--   RESULT requests req_per_s p50_ms p99_ms socket_errors
--   ERRORS connect read write timeout non2xx   (wrk's socket errors by kind; non2xx: its count of statuses over 399)
local fields, bodies, order = {}, {}, {}
for field, path in string.gmatch(os.getenv("SOAK_BODIES"), "([^=,]+)=([^,]+)") do
  local f = assert(io.open(path, "rb"))
  table.insert(fields, field)
  table.insert(bodies, f:read("*a"))
  f:close()
end
for _, field in ipairs(fields) do
  local listed = false
  for _, seen in ipairs(order) do listed = listed or seen == field end
  if not listed then table.insert(order, field) end
end
table.insert(order, "other")

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6) + #threads)
  -- Counters are scalar globals ("answers_FIELD", …): wrk copies scalars out of a thread safely, tables not.
  for _, field in ipairs(order) do
    _G["answers_" .. field], _G["non200_" .. field], _G["errors_" .. field], _G["last_" .. field] = 0, 0, 0, 0
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  return wrk.format(nil, nil, nil, bodies[math.random(#bodies)])
end

function response(status, headers, body)
  local kind = "other"
  for _, field in ipairs(order) do
    if field ~= "other" and string.find(body, '"' .. field .. '"', 1, true) then
      kind = field
      break
    end
  end
  _G["answers_" .. kind] = _G["answers_" .. kind] + 1
  if status ~= 200 then
    _G["non200_" .. kind] = _G["non200_" .. kind] + 1
    _G["last_" .. kind] = os.time()
  elseif string.find(body, '"errors"', 1, true) then
    _G["errors_" .. kind] = _G["errors_" .. kind] + 1
    _G["last_" .. kind] = os.time()
  end
end

function done(summary, latency, requests)
  for _, field in ipairs(order) do
    local a, n, g, last = 0, 0, 0, 0
    for _, thread in ipairs(threads) do
      a = a + thread:get("answers_" .. field)
      n = n + thread:get("non200_" .. field)
      g = g + thread:get("errors_" .. field)
      last = math.max(last, thread:get("last_" .. field))
    end
    io.write(string.format("KIND %s %d %d %d %d\n", field, a, n, g, last))
  end
  local e = summary.errors
  io.write(string.format("RESULT %d %.1f %.3f %.3f %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout))
  io.write(string.format("ERRORS %d %d %d %d %d\n", e.connect, e.read, e.write, e.timeout, e.status))
end
