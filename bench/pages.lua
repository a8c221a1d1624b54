-- bench/pages.lua — wrk script: each request asks for another page of the
-- same selection (wrk's URL plus &offset= one of the first 100 pages of 50,
-- at random), as an analyst paging and re-sorting does.
math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
request = function()
  return wrk.format("GET", string.format("%s&offset=%d", wrk.path, 50 * math.random(0, 99)))
end
