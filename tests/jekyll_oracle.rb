# The oracle for unit-level differential tests: real Jekyll converts Markdown and renders Liquid.
# Reads JSON {"config": {...}, "markdown": [..], "liquid": [{"template":..,"assigns":{..}}]} on
# stdin and writes JSON {"markdown": [...], "liquid": [...]} to stdout, in one Ruby process.
require "jekyll"
require "json"
require "tmpdir"

request = JSON.parse($stdin.read)
Dir.mktmpdir do |dir|
  config = Jekyll.configuration({"quiet" => true, "source" => dir,
                                 "destination" => File.join(dir, "_site")}.merge(request["config"] || {}))
  site = Jekyll::Site.new(config)
  markdown = site.find_converter_instance(Jekyll::Converters::Markdown)
  out = {"markdown" => (request["markdown"] || []).map { |text| markdown.convert(text) }}
  out["liquid"] = (request["liquid"] || []).map do |item|
    begin
      template = Liquid::Template.parse(item["template"], :line_numbers => true)
      template.render!(item["assigns"] || {}, :registers => {:site => site},
                       :strict_filters => true)
    rescue StandardError => e
      "ERROR: #{e.class}"
    end
  end
  puts JSON.generate(out)
end
