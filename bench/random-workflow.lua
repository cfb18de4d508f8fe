-- wrk script: GET one of the workflow ids listed (one per line) in the file IDS.
local ids = {}
for line in io.lines(os.getenv("IDS")) do ids[#ids + 1] = line end
math.randomseed(os.time())

function request()
  return wrk.format("GET", "/v1/notification-templates/" .. ids[math.random(#ids)])
end
