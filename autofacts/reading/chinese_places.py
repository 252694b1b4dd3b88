"""Where a Chinese sentence places a figure: provinces and cities, China (我国, 大陆, 内地, national
bodies), the world, and countries abroad, with the words that make a place no figure's own (a
comparison's base, "是日本的1.6倍", or a destination, "对欧洲出口"). Used by `chinese_extract`."""

from __future__ import annotations

import re

# Province-level divisions and large cities, as the knowledge base spells them.
PLACES = {
    "北京": "Beijing",
    "天津": "Tianjin",
    "上海": "Shanghai",
    "重庆": "Chongqing",
    "河北": "Hebei",
    "山西": "Shanxi",
    "辽宁": "Liaoning",
    "吉林省": "Jilin",
    "黑龙江": "Heilongjiang",
    "江苏": "Jiangsu",
    "浙江": "Zhejiang",
    "安徽": "Anhui",
    "福建": "Fujian",
    "江西": "Jiangxi",
    "山东": "Shandong",
    "河南": "Henan",
    "湖北": "Hubei",
    "湖南": "Hunan",
    "广东": "Guangdong",
    "海南": "Hainan",
    "四川": "Sichuan",
    "贵州": "Guizhou",
    "云南": "Yunnan",
    "陕西": "Shaanxi",
    "甘肃": "Gansu",
    "青海": "Qinghai",
    "内蒙古": "Inner Mongolia",
    "广西": "Guangxi",
    "西藏": "Tibet",
    "宁夏": "Ningxia",
    "新疆": "Xinjiang",
    "香港": "Hong Kong",
    "澳门": "Macao",
    "台湾": "Taiwan",
    "广州": "Guangzhou",
    "深圳": "Shenzhen",
    "杭州": "Hangzhou",
    "宁波": "Ningbo",
    "南京": "Nanjing",
    "苏州": "Suzhou",
    "无锡": "Wuxi",
    "常州": "Changzhou",
    "合肥": "Hefei",
    "武汉": "Wuhan",
    "长沙": "Changsha",
    "成都": "Chengdu",
    "西安": "Xi'an",
    "郑州": "Zhengzhou",
    "青岛": "Qingdao",
    "济南": "Jinan",
    "沈阳": "Shenyang",
    "长春": "Changchun",
    "大连": "Dalian",
    "柳州": "Liuzhou",
    "佛山": "Foshan",
    "东莞": "Dongguan",
    "厦门": "Xiamen",
    "福州": "Fuzhou",
    "南昌": "Nanchang",
    "昆明": "Kunming",
    "贵阳": "Guiyang",
    "哈尔滨": "Harbin",
    "长三角": "Yangtze River Delta",
    "珠三角": "Pearl River Delta",
    "本港": "Hong Kong",
    "全港": "Hong Kong",
    "全台": "Taiwan",
}
# Countries and regions abroad, as the English reader names them
COUNTRIES = {
    "日本": "Japan",
    "美国": "United States",
    "德国": "Germany",
    "法国": "France",
    "英国": "United Kingdom",
    "意大利": "Italy",
    "西班牙": "Spain",
    "俄罗斯": "Russia",
    "巴西": "Brazil",
    "墨西哥": "Mexico",
    "印度": "India",
    "印度尼西亚": "Indonesia",
    "印尼": "Indonesia",
    "泰国": "Thailand",
    "马来西亚": "Malaysia",
    "越南": "Vietnam",
    "韩国": "South Korea",
    "澳大利亚": "Australia",
    "澳洲": "Australia",
    "土耳其": "Turkey",
    "匈牙利": "Hungary",
    "比利时": "Belgium",
    "挪威": "Norway",
    "荷兰": "Netherlands",
    "沙特": "Saudi Arabia",
    "阿联酋": "UAE",
    "加拿大": "Canada",
    "新加坡": "Singapore",
    "以色列": "Israel",
    "智利": "Chile",
    "欧洲": "Europe",
    "欧盟": "European Union",
    "东南亚": "Southeast Asia",
    "中东": "Middle East",
    "非洲": "Africa",
    "拉美": "Latin America",
    "拉丁美洲": "Latin America",
    "亚洲": "Asia",
}
PLACES.update(COUNTRIES)
CHINA = re.compile(
    r"我国|全国|中国|国内|国务院|国家|工业和信息化部|工信部|商务部|发改委|海关总署|统计局|中汽协|乘联会|中国汽车工业协会"
    r"|大陆(?!集团)|内地|在华"  # Taiwan's and Hong Kong's press: 大陸, 內地
)
# A place the figure is compared with or sent to is not where it is: "是日本的1.6倍", "超过日本",
# "出口到欧洲"
NOT_HERE = re.compile(r"(?:超过|超越|领先|高于|低于|相比|是|比|较|与|同|对|向|往|到|至|销往|运往)\s*$")
DESTINATION = re.compile(r"(?:对|向|往|到|至|销往|运往)\s*$")
WORLD = re.compile(r"全球|世界(?!各国)")
RANK_SCOPE = re.compile(r"\s*(?:第一|首位|前列|最大|领先|第\d)")  # "全球第一": China's rank, not the world


PLACE = re.compile("|".join(sorted(PLACES, key=len, reverse=True)))
