# The oracle for tests/test_filters.py: real Jekyll 4.3 (Liquid 5.4, Ruby's Time) answers, in one
# Ruby process, a JSON request read from stdin:
#   {"render":   [{"template": "...", "assigns": {...}, "config": {...}}, ...],
#    "strftime": [{"tz": "Europe/Berlin", "epoch": 1577923200, "usec": 0, "formats": [...]}, ...],
#    "parse":    [{"tz": "UTC", "text": "2020-01-02 10:00"}, ...]}
# and writes {"render": [...], "strftime": [[...], ...], "parse": [...]} to stdout. A rendering is
# {"out": text} or {"error": class name}. Values the JSON cannot carry are tagged objects:
# {"$time": "2020-01-02 10:00 +0100"} is a Time as Jekyll makes it (Time.parse + localtime) and
# {"$date": "2020-01-02"} a Date (YAML data files give those), {"$doc": {...}} a document drop.
require "jekyll"
require "json"
require "tmpdir"

MACHINE_TZ = ENV["TZ"]

def use_zone(name)
  zone = name || MACHINE_TZ
  zone ? ENV["TZ"] = zone : ENV.delete("TZ")
end

# A drop over a hash, standing for Jekyll's document drops (sitegen's DocumentDrop).
class TestDrop < Jekyll::Drops::Drop
  mutable false

  def fallback_data
    @obj
  end

  # As Jekyll's DocumentDrop#<=>: by date, then by path.
  def <=>(other)
    return nil unless other.is_a?(TestDrop)

    order = self["date"] <=> other["date"]
    order = self["path"] <=> other["path"] if order.nil? || order.zero?
    order
  end
end

def decode(value)
  case value
  when Array then value.map { |v| decode(v) }
  when Hash
    return Time.parse(value["$time"]).localtime if value.key?("$time")
    return Date.parse(value["$date"]) if value.key?("$date")
    return TestDrop.new(decode(value["$doc"])) if value.key?("$doc")

    value.transform_values { |v| decode(v) }
  else value
  end
end

def render_one(site, item)
  template = Liquid::Template.parse(item["template"], :line_numbers => true)
  out = template.render!(decode(item["assigns"] || {}), :registers => {:site => site},
                         :strict_filters => false)
  {"out" => out}
rescue StandardError => e
  {"error" => e.class.name, "message" => e.message}
end

request = JSON.parse($stdin.read)
Liquid::Template.error_mode = :warn
response = {}
Dir.mktmpdir do |dir|
  sites = {}
  response["render"] = (request["render"] || []).map do |item|
    config = item["config"] || {}
    use_zone(config["timezone"])
    site = sites[config.to_json] ||= Jekyll::Site.new(Jekyll.configuration(
      {"quiet" => true, "source" => dir, "destination" => File.join(dir, "_site")}.merge(config)
    ))
    use_zone(config["timezone"])
    render_one(site, item)
  end
end

response["strftime"] = (request["strftime"] || []).map do |item|
  use_zone(item["tz"])
  time = Time.at(item["epoch"], item["usec"] || 0, :usec).localtime
  item["formats"].map do |format|
    time.strftime(format)
  rescue ArgumentError => e
    "ERROR: #{e.class.name}"
  end
end

response["parse"] = (request["parse"] || []).map do |item|
  use_zone(item["tz"])
  begin
    # Jekyll's Utils.parse_date without its cache (which ignores the zone).
    Time.parse(item["text"]).localtime.strftime("%Y-%m-%dT%H:%M:%S.%N %:z")
  rescue StandardError => e
    "ERROR: #{e.class.name}"
  end
end

puts JSON.generate(response)
