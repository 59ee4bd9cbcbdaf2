"""The supervisor's year, framework-free: engagement time limits, appraisal indicators
(考核指标), the county's scoring scheme, server-rendered SVG charts and the drafted
paragraph of section 一 on 政民互动 and 政策解读.

Nothing here imports Django: the web apps (`gongkai.web.engagement`, `gongkai.web.appraisal`)
gather the records into plain facts and call these functions. Dates are arguments.
"""
