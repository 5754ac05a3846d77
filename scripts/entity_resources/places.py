import json, sys
from babel import Locale
import babel
zh = Locale('zh')
DEPENDENT = set('AS AI AQ AW AX BL BM BQ BV CC CK CW CX EH FK FO GF GG GI GL GP GS GU HM IM IO JE KY MF MP MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT XK PS HK MO TW AC CP CQ DG EA IC TA'.split())
SKIP = set('EU EZ UN QO XA XB ZZ'.split())
out = []      # (name, kind, section)
def add(name, kind, sec):
    out.append((name, kind, sec))
for code, name in zh.territories.items():
    if code in SKIP: continue
    if code.isdigit():
        if code == '001': continue                      # 世界
        add(name, 'region', 'babel-territory')
    else:
        add(name, 'region' if code in DEPENDENT else 'country', 'babel-territory')
country_names = {n for n, k, s in out}
G_COUNTRY_LIST = ("""中华人民共和国 美利坚合众国 俄罗斯联邦 大不列颠及北爱尔兰联合王国 朝鲜民主主义人民共和国 大韩民国 巴勒斯坦
阿联酋 沙特 波黑 巴新 刚果 刚果民主共和国 刚果共和国 中非 多米尼加 英格兰 苏格兰 威尔士 北爱尔兰 苏联 前苏联 南斯拉夫
捷克斯洛伐克 东德 西德 民主德国 联邦德国 印尼 新西兰 澳洲 菲律宾 马来西亚 荷兰 瑞士 土耳其 伊朗 伊拉克 叙利亚 以色列""".split())
G_COUNTRY = set(G_COUNTRY_LIST)
TZ_NOT_CITY = set('开曼 乌拉尔 加沙 萨哈林 堪察加 巴伊亚 圣基茨 圣文森特 圣托马斯 安提瓜 下太子区'.split())
# CLDR exemplar cities of time zones (zh)
CN_ZONES = {'Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei'}
for zone, v in zh.time_zones.items():
    c = v.get('city')
    if not c: continue
    area = zone.split('/')[0]
    if area in ('Antarctica', 'Etc', 'Atlantic', 'Indian', 'Pacific', 'Arctic') or zone in CN_ZONES: continue
    if c in country_names or c in G_COUNTRY or c in TZ_NOT_CITY or c.endswith('岛') or '州' in c or len(c) < 2 or '·' in c: continue
    add(c, 'city', 'babel-tz')
# ---------------- general knowledge ----------------
G = {}
G["country"] = G_COUNTRY_LIST
G['city'] = """华盛顿 纽约 洛杉矶 芝加哥 旧金山 西雅图 波士顿 休斯敦 费城 迈阿密 亚特兰大 达拉斯 拉斯维加斯 底特律 檀香山 火奴鲁鲁
圣迭戈 奥兰多 新奥尔良 匹兹堡 巴尔的摩 明尼阿波利斯 盐湖城 旧金山湾区 纽约市 渥太华 多伦多 温哥华 蒙特利尔 卡尔加里 魁北克城
墨西哥城 瓜达拉哈拉 哈瓦那 巴西利亚 里约热内卢 圣保罗 布宜诺斯艾利斯 圣地亚哥 利马 波哥大 加拉加斯 基多 蒙得维的亚 亚松森
拉巴斯 苏克雷 巴拿马城 圣何塞 马那瓜 特古西加尔巴 圣萨尔瓦多 危地马拉城 金斯敦 太子港 圣多明各 帕拉马里博 乔治敦
伦敦 巴黎 柏林 罗马 马德里 巴塞罗那 里斯本 阿姆斯特丹 布鲁塞尔 维也纳 日内瓦 苏黎世 伯尔尼 洛桑 达沃斯 斯德哥尔摩 奥斯陆
哥本哈根 赫尔辛基 华沙 布拉格 布达佩斯 雅典 伊斯坦布尔 安卡拉 莫斯科 圣彼得堡 基辅 明斯克 慕尼黑 法兰克福 汉堡 科隆 杜塞尔多夫
斯图加特 米兰 威尼斯 佛罗伦萨 那不勒斯 都灵 曼彻斯特 利物浦 伯明翰 爱丁堡 格拉斯哥 牛津 剑桥 都柏林 马赛 里昂 尼斯 戛纳
斯特拉斯堡 波尔多 图卢兹 海牙 鹿特丹 安特卫普 贝尔格莱德 布加勒斯特 索非亚 萨格勒布 卢布尔雅那 布拉迪斯拉发 维尔纽斯 里加
塔林 雷克雅未克 地拉那 斯科普里 萨拉热窝 波德戈里察 基希讷乌 第比利斯 埃里温 巴库 敖德萨 哈尔科夫 塞瓦斯托波尔 海参崴
符拉迪沃斯托克 新西伯利亚 叶卡捷琳堡 喀山 索契 伊尔库茨克 哈巴罗夫斯克 伯力 加里宁格勒 东京 大阪 京都 横滨 名古屋 神户 札幌
福冈 广岛 长崎 那霸 首尔 釜山 仁川 大邱 光州 济州 平壤 开城 乌兰巴托 河内 胡志明市 岘港 海防 万象 金边 暹粒 曼谷 清迈 普吉
仰光 内比都 曼德勒 吉隆坡 槟城 新山 雅加达 泗水 万隆 巴厘岛 马尼拉 宿务 达沃 斯里巴加湾市 帝力 新德里 德里 孟买 加尔各答
班加罗尔 金奈 海得拉巴 伊斯兰堡 卡拉奇 拉合尔 白沙瓦 瓜达尔 达卡 吉大港 加德满都 科伦坡 汉班托塔 马累 廷布 喀布尔 德黑兰
巴格达 大马士革 贝鲁特 安曼 耶路撒冷 特拉维夫 加沙城 利雅得 吉达 麦加 麦地那 多哈 迪拜 阿布扎比 马斯喀特 科威特城 萨那
亚丁 麦纳麦 阿斯塔纳 努尔苏丹 阿拉木图 塔什干 撒马尔罕 比什凯克 杜尚别 阿什哈巴德 开罗 亚历山大 的黎波里 突尼斯城 阿尔及尔
拉巴特 卡萨布兰卡 喀土穆 亚的斯亚贝巴 内罗毕 蒙巴萨 达累斯萨拉姆 坎帕拉 基加利 金沙萨 罗安达 卢萨卡 哈拉雷 比勒陀利亚
约翰内斯堡 开普敦 德班 马普托 温得和克 哈博罗内 阿布贾 拉各斯 阿克拉 达喀尔 阿比让 巴马科 尼亚美 雅温得 利伯维尔 布拉柴维尔
蒙罗维亚 弗里敦 科纳克里 努瓦克肖特 摩加迪沙 吉布提市 阿斯马拉 塔那那利佛 路易港 堪培拉 悉尼 墨尔本 布里斯班 珀斯 阿德莱德
惠灵顿 奥克兰 基督城 莫尔兹比港 苏瓦 阿皮亚 努库阿洛法""".split()
G['landmark'] = """天安门 天安门广场 天安门城楼 中南海 新华门 人民大会堂 人民英雄纪念碑 毛主席纪念堂 故宫 紫禁城 故宫博物院 长城 万里长城
八达岭 慕田峪 居庸关 山海关 嘉峪关 颐和园 圆明园 天坛 地坛 北海公园 景山公园 雍和宫 鸟巢 国家体育场 水立方 国家游泳中心
国家大剧院 中华世纪坛 钓鱼台国宾馆 王府井 长安街 前门大街 南锣鼓巷 什刹海 卢沟桥 奥林匹克公园 首都国际机场 大兴国际机场
外滩 东方明珠 陆家嘴 豫园 南京路 浦东国际机场 虹桥机场 西湖 灵隐寺 雷峰塔 拙政园 寒山寺 周庄 乌镇 中山陵 夫子庙 明孝陵
黄鹤楼 岳阳楼 滕王阁 兵马俑 秦始皇陵 大雁塔 华清池 莫高窟 月牙泉 布达拉宫 大昭寺 罗布林卡 丽江古城 大理古城 九寨沟
都江堰 乐山大佛 武侯祠 杜甫草堂 宽窄巷子 凤凰古城 鼓浪屿 福建土楼 少林寺 龙门石窟 云冈石窟 白马寺 孔庙 孔府 孔林 三孔
趵突泉 蓬莱阁 避暑山庄 承德避暑山庄 平遥古城 悬空寺 晋祠 壶口瀑布 黄果树瀑布 三峡大坝 葛洲坝 港珠澳大桥 维多利亚港 金紫荆广场
大三巴牌坊 日月潭 台北101 红旗渠 宝塔山 枣园 西柏坡 南湖红船 遵义会议会址 韶山冲 天涯海角 三坊七巷 坎儿井 青藏铁路 三峡工程
白宫 国会山 五角大楼 自由女神像 帝国大厦 时代广场 华尔街 硅谷 好莱坞 埃菲尔铁塔 卢浮宫 凯旋门 巴黎圣母院 大本钟 白金汉宫
唐宁街 克里姆林宫 红场 金字塔 狮身人面像 泰姬陵 吴哥窟 悉尼歌剧院 罗马斗兽场 比萨斜塔 帕特农神庙 巴拿马运河 苏伊士运河
勃兰登堡门 柏林墙 梵蒂冈城 圣彼得大教堂 富士山 广岛和平纪念公园""".split()
G['river'] = """长江 黄河 珠江 淮河 海河 辽河 松花江 黑龙江 澜沧江 怒江 雅鲁藏布江 塔里木河 额尔齐斯河 嫩江 乌苏里江 图们江 鸭绿江
汉江 汉水 嘉陵江 岷江 沱江 乌江 湘江 赣江 资江 沅江 澧水 闽江 钱塘江 富春江 新安江 瓯江 西江 北江 东江 漓江 红水河 金沙江
大渡河 雅砻江 渭河 泾河 洛河 汾河 伊河 沂河 沭河 颍河 涡河 京杭大运河 大运河 秦淮河 黄浦江 苏州河 永定河 潮白河 滹沱河
桑干河 拒马河 子牙河 卫河 漳河 滦河 大凌河 浑河 太子河 牡丹江 伊犁河 疏勒河 湟水 洮河 无定河 信江 抚河 汀江 九龙江 韩江
南盘江 北盘江 元江 湄公河 伊洛瓦底江 恒河 印度河 幼发拉底河 底格里斯河 尼罗河 刚果河 尼日尔河 赞比西河 亚马孙河 亚马逊河
密西西比河 密苏里河 哈德逊河 圣劳伦斯河 科罗拉多河 莱茵河 多瑙河 塞纳河 泰晤士河 伏尔加河 顿河 第聂伯河 易北河 鄂毕河
叶尼塞河 勒拿河 约旦河 拉普拉塔河""".split()
G['lake'] = """太湖 洞庭湖 鄱阳湖 洪泽湖 巢湖 青海湖 纳木错 色林错 滇池 洱海 抚仙湖 千岛湖 南四湖 微山湖 骆马湖 高邮湖 兴凯湖 镜泊湖
呼伦湖 贝尔湖 博斯腾湖 罗布泊 玄武湖 梁子湖 瘦西湖 大明湖 长白山天池 天山天池 羊卓雍错 玛旁雍错 乌梁素海 查干湖 白洋淀
衡水湖 莫愁湖 贝加尔湖 咸海 维多利亚湖 坦噶尼喀湖 苏必利尔湖 五大湖 密歇根湖 安大略湖 伊利湖 休伦湖 日内瓦湖 的的喀喀湖
巴尔喀什湖 伊塞克湖 琵琶湖""".split()
G['mountain'] = """泰山 华山 衡山 恒山 嵩山 五岳 黄山 庐山 峨眉山 五台山 普陀山 九华山 武当山 武夷山 雁荡山 井冈山 长白山 天山 昆仑山
喜马拉雅山 喜马拉雅山脉 珠穆朗玛峰 珠峰 秦岭 大兴安岭 小兴安岭 太行山 吕梁山 燕山 阴山 贺兰山 祁连山 阿尔泰山 横断山脉 巫山
大别山 南岭 武陵山 雪峰山 罗霄山 大巴山 六盘山 唐古拉山 冈底斯山 念青唐古拉山 喀喇昆仑山 梅里雪山 玉龙雪山 贡嘎山 四姑娘山
崂山 青城山 梵净山 三清山 天门山 香山 紫金山 岳麓山 白云山 鼓山 阿里山 玉山 太白山 终南山 王屋山 云台山 齐云山 龙虎山
莫干山 天目山 钓鱼山 乔戈里峰 阿尔卑斯山 阿尔卑斯山脉 乞力马扎罗山 安第斯山脉 落基山脉 乌拉尔山 高加索山脉 兴都库什山
勃朗峰 厄尔布鲁士山""".split()
G['sea'] = """渤海 黄海 东海 南海 台湾海峡 渤海湾 北部湾 杭州湾 胶州湾 琼州海峡 辽东湾 莱州湾 大亚湾 太平洋 大西洋 印度洋 北冰洋
南大洋 地中海 红海 黑海 里海 死海 波罗的海 北海 阿拉伯海 加勒比海 日本海 鄂霍次克海 白令海 珊瑚海 马六甲海峡 霍尔木兹海峡
英吉利海峡 直布罗陀海峡 白令海峡 朝鲜海峡 对马海峡 巴士海峡 曼德海峡 博斯普鲁斯海峡 波斯湾 孟加拉湾 墨西哥湾 亚丁湾 阿曼湾
爱琴海 亚得里亚海 菲律宾海 苏禄海 爪哇海 塔斯曼海 南中国海""".split()
G['region'] = """华北 华东 华南 华中 西南 西北 东北 中原 江南 岭南 关中 陕北 陕南 苏北 苏南 皖南 皖北 闽南 闽东 川西 粤东 粤西 辽南 胶东
粤港澳大湾区 大湾区 京津冀 长三角 珠三角 长江三角洲 珠江三角洲 成渝地区 环渤海 东北三省 雄安新区 中关村 青藏高原 黄土高原
云贵高原 内蒙古高原 帕米尔高原 四川盆地 塔里木盆地 准噶尔盆地 柴达木盆地 东北平原 华北平原 长江中下游平原 塔克拉玛干沙漠
钓鱼岛 南沙群岛 西沙群岛 中沙群岛 东沙群岛 黄岩岛 南海诸岛 崇明岛 舟山群岛 海南岛 台湾岛 澎湖列岛 马祖 长江流域 黄河流域
亚洲 欧洲 非洲 美洲 北美 北美洲 南美 南美洲 拉美 拉丁美洲 大洋洲 南极 南极洲 北极 中东 近东 远东 东南亚 南亚 中亚 西亚 东亚
东北亚 东欧 西欧 北欧 南欧 中欧 中东欧 巴尔干 巴尔干半岛 高加索 北非 西非 东非 撒哈拉 撒哈拉沙漠 加勒比 中美洲 亚太 亚太地区 印太
西伯利亚 斯堪的纳维亚 阿拉伯半岛 朝鲜半岛 中南半岛 印度支那 马来半岛 伊比利亚半岛 克里米亚 克什米尔 加沙 加沙地带
约旦河西岸 戈兰高地 顿巴斯 北海道 本州 九州 冲绳 夏威夷 阿拉斯加 加利福尼亚 加州 得克萨斯 德州 佛罗里达 西班牙语美洲""".split()
have = {n for n, k, s in out}
dups = []
for kind, names in G.items():
    for n in names:
        if n in have:
            dups.append(n); continue
        have.add(n); add(n, kind, 'general')
seen = set(); final = []
for n, k, s in out:
    if n in seen: continue
    seen.add(n); final.append((n, k, s))
import collections
cnt = collections.Counter((s, k) for n, k, s in final)
kc = collections.Counter(k for n, k, s in final)
print(cnt, kc, 'dups skipped', len(dups), file=sys.stderr)
hdr = f"""# Well-known places that are not (only) Chinese administrative divisions: NAME<TAB>KIND
#   KIND = country|city|landmark|river|lake|mountain|sea|region.
# Sections (each introduced by a '# ---' line):
#  1. Babel {babel.__version__} (PyPI; code BSD-3-Clause, bundled Unicode CLDR data under the Unicode License —
#     babel/locale-data/LICENSE.unicode): babel.Locale('zh').territories.  ISO 3166 alpha-2 codes -> country,
#     except dependent or special territories (and 中国香港特别行政区, 中国澳门特别行政区, 台湾) -> region;
#     UN M.49 numeric codes (continents, sub-regions) -> region; EU, EZ, UN, QO and pseudo codes skipped.
#  2. Babel {babel.__version__}, same CLDR data: exemplar cities of time zones (babel.Locale('zh').time_zones[..]['city']),
#     without Antarctic/ocean zones, zones in China, names equal to a territory name, 'XX州YY' names,
#     names ending in 岛 and a few non-city names (开曼 乌拉尔 加沙 萨哈林 堪察加 …) -> city.
#  3. General knowledge (public geographic names written by hand): extra country names (short and official
#     forms, historical states), major world cities, landmarks of China and the world, rivers, lakes,
#     mountains, seas and straits, and general regions (incl. islands and plateaus).  Names already in 1-2 skipped.
# Duplicates removed (first occurrence wins).  Counts by kind: {dict(kc)}.
# Generated by a one-off script (not part of the repository).
"""
lines = []; cur = None
SEC = {'babel-territory': '# --- 1. Babel/CLDR territory names (zh)', 'babel-tz': '# --- 2. Babel/CLDR time-zone exemplar cities (zh)', 'general': '# --- 3. general knowledge'}
for n, k, s in final:
    if s != cur:
        lines.append(SEC[s]); cur = s
    lines.append(f'{n}\t{k}')
open('resources/entities/places_extra.txt', 'w', encoding='utf-8').write(hdr + '\n'.join(lines) + '\n')
json.dump({f'{a}/{b}': c for (a, b), c in cnt.items()} | {'kinds': kc}, open('/tmp/gen/places_stats.json', 'w'), ensure_ascii=False)
