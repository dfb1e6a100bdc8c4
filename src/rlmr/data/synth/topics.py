"""Topics for synthesised prompts; the train and eval sets draw from disjoint lists.

Disjoint topics keep the eval set honest: a policy cannot score well on creative-eval by having
memorised responses about the same subjects it was trained on.
"""

from __future__ import annotations

EN_TRAIN = """
a lighthouse keeper's last night on duty | the first snow of winter in a small town | a grandmother's recipe box
an abandoned amusement park | a train journey through the mountains | a cat who waits by the window
the smell of rain on hot pavement | a letter never sent | a night market in summer
an old violin found in an attic | the day the power went out | a garden in late autumn
two strangers sharing an umbrella | a fisherman at dawn | the last bookshop on the street
a child's first bicycle ride | moving into an empty apartment | a storm over the harbour
a clock that runs backwards | the quiet after a party | a hummingbird at the feeder
a soldier coming home | a bakery at four in the morning | a forgotten birthday
the moon over a desert | a river that floods every spring | learning to swim as an adult
a missing dog found again | a wedding in the rain | a robot learning to paint
a city seen from a rooftop | a snowed-in cabin | an astronaut looking back at Earth
a street musician | the first day at a new school | a tree planted for a newborn
a lost glove on a park bench | a village festival | an old couple dancing in the kitchen
a ship in a bottle | a detective's final case | a field of sunflowers
a library after closing time | a phone call from an old friend | a broken compass
the sound of a distant train | a beekeeper and her hives | a winter lake frozen solid
a kite caught in a tree | the last day of summer vacation | a mapmaker who never travels
a lantern festival | a tailor who sews secrets into coats | a coral reef at night
a power plant worker's night shift | a farmer waiting for rain | a paper boat on a stream
a museum guard who talks to paintings | a carousel horse | the ocean at low tide
a piano teacher's retirement | a border town at dusk | a letter from the future
a mountain rescue | a bicycle repair shop | an empty swimming pool in winter
a pair of old boots | a fox in the city | a time capsule opened after fifty years
a night nurse on her rounds | a chess match in the park | the first coffee of the morning
a village without a post office | a sleepwalker's journey | a whale seen from a ferry
a handwritten map | a greenhouse in January | a retired magician
a suitcase left at the station | a mural painted overnight | an orchard in bloom
a blackout in a big city | the view from a hospital window | a pair of reading glasses
a song heard through a wall | a pen pal from another country | a lighthouse without a light
a desert bloom after rain | a boat builder and his apprentice | a stray cat adopted by a bakery
a thunderstorm seen from a tent | a market of lost things | a family photo album
a firefly jar | a mountain village school | a typewriter with a missing key
"""

EN_EVAL = """
a glassblower's workshop | the night before an exam | a canal city in fog
an owl in the church tower | a shipwreck diver | the first frost on a vineyard
a locksmith who cannot open one door | a circus leaving town | a radio station at midnight
a beach after a hurricane | a volunteer firefighter | a stargazing party
a grandfather's pocket watch | a theatre after the final show | a migrating flock of geese
a subway busker | an ice hotel | a balloon ride at sunrise
a dog sled race | a letter found in a library book | a tea house in the hills
a shepherd on a windy hill | a city garden on a rooftop | a violin maker's workshop
an empty stadium | a snow globe | the last tram of the night
a cartographer of dreams | a diner open all night | a mountain pass in spring
"""

ZH_TRAIN = """
江南的春雨 | 故乡的老屋 | 秋天的银杏 | 外婆的厨房 | 月下的渡口 | 夏夜的蝉鸣 | 山间的小路
雪后的长城 | 深夜的书店 | 远行的列车 | 父亲的自行车 | 海边的灯塔 | 清晨的菜市场 | 离别的站台
梧桐树下的约定 | 城市的霓虹 | 老街的茶馆 | 一封旧信 | 童年的风筝 | 雨中的西湖 | 草原上的星空
冬日的暖阳 | 黄河的落日 | 校园的钟声 | 母亲的针线 | 荷塘的月色 | 大漠的驼铃 | 竹林的清风
小镇的集市 | 第一次远行 | 爷爷的菜园 | 搬家那一天 | 失眠的夜晚 | 春节的团圆饭 | 江边的渔火
古寺的钟声 | 一只流浪猫 | 毕业的夏天 | 山顶的日出 | 窗台上的绿萝 | 老照片 | 地铁里的陌生人
桂花飘香的巷子 | 冬夜的炉火 | 雨后的彩虹 | 乡间的稻田 | 远方的来信 | 黄昏的炊烟 | 城墙上的风
孤独的守夜人 | 春天的第一朵花 | 秋夜的蟋蟀 | 新年的烟花 | 山村的小学 | 旧书摊 | 一盏台灯
渔村的清晨 | 雪夜的归人 | 海上的明月 | 奶奶的摇椅 | 木匠的工坊 | 夜市的烟火 | 青石板路
江南的小桥 | 大雁南飞 | 夏日的西瓜 | 一杯清茶 | 初雪的早晨 | 戈壁的胡杨 | 古镇的灯笼
异乡的中秋 | 机器人学画画 | 消失的村庄 | 一把旧雨伞 | 火车上的邂逅 | 清明的细雨 | 牧羊人的歌
"""

ZH_EVAL = """
敦煌的壁画 | 冰封的湖面 | 午夜的便利店 | 退休的邮递员 | 深山的瀑布 | 海岛的台风 | 老式收音机
高原的经幡 | 外公的象棋 | 樱花树下 | 夜航的船 | 养蜂人 | 废弃的工厂 | 老街的理发店
天台上的菜园 | 考试前夜 | 钟表匠 | 一封来自未来的信 | 灯火通明的医院 | 丝绸之路 | 候鸟
"""


def _parse(block: str) -> tuple[str, ...]:
    return tuple(t.strip() for line in block.strip().splitlines() for t in line.split("|") if t.strip())


TOPICS = {
    ("en", "train"): _parse(EN_TRAIN),
    ("en", "eval"): _parse(EN_EVAL),
    ("zh", "train"): _parse(ZH_TRAIN),
    ("zh", "eval"): _parse(ZH_EVAL),
}
