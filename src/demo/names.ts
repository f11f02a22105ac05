// Hand-made name lists for synthetic people, by the cultural backgrounds common among
// children in English cities, each with the CIN census ethnicity code that fits it.
// Names are common ones; combined at random with synthetic dates and addresses they
// describe nobody.

import type { Ethnicity } from '../children/index.ts'

/** 'Ava, Mia,\n Lily' -> ['Ava', 'Mia', 'Lily']: names may contain spaces ('Hoi Yan', 'Dela Cruz'). */
const list = (names: string) => names.trim().split(/,\s*/)

export interface Background {
  ethnicity: Ethnicity
  girls: readonly string[]
  boys: readonly string[]
  family: readonly string[]
}

const whiteBritish: Background = {
  ethnicity: 'WBRI',
  girls: list(`Olivia, Amelia, Isla, Ava, Mia, Ivy, Lily, Isabella, Sophia, Grace, Freya, Evie, Poppy,
    Ella, Emily, Daisy, Millie, Ruby, Florence, Willow, Phoebe, Harper, Sienna, Chloe,
    Jessica, Holly, Lucy, Megan, Charlotte, Hannah`),
  boys: list(`Oliver, George, Harry, Noah, Jack, Leo, Arthur, Oscar, Charlie, Freddie, Alfie, Theo,
    Thomas, Henry, Archie, Joshua, James, William, Jacob, Max, Lucas, Ethan, Riley, Finley,
    Harrison, Mason, Tyler, Callum, Kian, Liam`),
  family: list(`Smith, Jones, Taylor, Brown, Williams, Wilson, Johnson, Davies, Robinson, Wright,
    Thompson, Evans, Walker, White, Roberts, Green, Hall, Wood, Jackson, Clarke, Hughes,
    Edwards, Turner, Hill, Moore, Cooper, Ward, Harris, Martin, King, Baker, Harrison,
    Morgan, Allen, Bennett, Shaw, Marshall, Chapman, Holmes, Mason`),
}

const irish: Background = {
  ethnicity: 'WIRI',
  girls: list(`Aoife, Saoirse, Niamh, Ciara, Siobhan, Róisín, Orla, Caoimhe, Gráinne, Aisling, Clodagh,
    Sinéad, Maeve, Erin, Shannon`),
  boys: list(`Cian, Oisín, Conor, Seán, Pádraig, Ciarán, Darragh, Eoin, Fionn, Niall, Ronan, Declan,
    Cathal, Liam, Tadhg`),
  family: list(`Murphy, Kelly, O'Sullivan, Walsh, O'Brien, Byrne, Ryan, O'Connor, O'Neill, Doyle,
    McCarthy, Gallagher, Kennedy, Lynch, Quinn, Brennan, Fitzgerald, Keane, Donnelly,
    Farrell`),
}

const irishTraveller: Background = {
  ethnicity: 'WIRT',
  girls: list(`Bridget, Margaret, Kathleen, Mary, Ellen, Nora, Winnie, Josie, Shannon, Chelsea`),
  boys: list(`Patrick, Michael, John, Martin, Thomas, Christy, Jimmy, Paddy, Johnny, Francie`),
  family: list(`Ward, McDonagh, Connors, Joyce, Maughan, Doherty, Mongan, Stokes, Delaney, Sweeney`),
}

const easternEuropean: Background = {
  ethnicity: 'WOTH',
  girls: list(`Zuzanna, Julia, Maja, Zofia, Hanna, Lena, Alicja, Natalia, Wiktoria, Oliwia, Ioana,
    Maria, Andreea, Elena, Gabija, Emilija, Ieva, Anastasia, Daria, Karolina`),
  boys: list(`Jakub, Antoni, Jan, Szymon, Filip, Kacper, Mateusz, Bartosz, Wojciech, Andrei, Stefan,
    Luca, Matei, Ionuț, Lukas, Matas, Nojus, Dominik, Maksym, Nikola`),
  family: list(`Nowak, Wójcik, Kaczmarek, Mazur, Krawczyk, Zając, Popescu, Ionescu, Popa, Dumitru, Stan,
    Constantin, Horvat, Novak, Kovač, Marin, Lungu, Rusu, Ciobanu, Sokol`),
}

const roma: Background = {
  ethnicity: 'WROM',
  girls: list(`Denisa, Nikola, Simona, Veronika, Klaudia, Monika, Vanesa, Sabina, Daniela, Margita`),
  boys: list(`Dominik, Patrik, Marek, Denis, Roman, Tomáš, Erik, Marian, Milan, Adrian`),
  family: list(`Balog, Lakatoš, Horváth, Oláh, Gábor, Kudrik, Dudi, Bandi, Stojka, Ferko`),
}

const indian: Background = {
  ethnicity: 'AIND',
  girls: list(`Aanya, Diya, Isha, Priya, Anika, Riya, Kavya, Saanvi, Meera, Nisha, Pooja, Simran,
    Harleen, Jasleen, Avni, Khushi, Tanvi, Mahi, Anaya, Divya`),
  boys: list(`Arjun, Aarav, Rohan, Dev, Krish, Vihaan, Aryan, Ishaan, Jay, Neel, Harjeet, Gurpreet,
    Manveer, Karan, Rahul, Yash, Veer, Raj, Sahil, Kabir`),
  family: list(`Patel, Mistry, Parmar, Chauhan, Solanki, Lad, Shah, Modi, Joshi, Sharma, Mehta, Desai,
    Pandya, Makwana, Chavda, Rana, Sandhu, Gill, Dhillon, Bains, Sidhu, Singh, Kaur, Kumar,
    Gohil, Thakkar, Vaghela`),
}

const pakistani: Background = {
  ethnicity: 'APKN',
  girls: list(`Aisha, Zainab, Maryam, Fatima, Hafsa, Khadija, Amna, Aleena, Hiba, Iqra, Mahnoor,
    Sumaiya, Anaya, Eshal, Inaya`),
  boys: list(`Muhammad, Ibrahim, Yusuf, Ayaan, Zayn, Hamza, Bilal, Hassan, Usman, Abdullah, Umar,
    Rayyan, Haris, Ahmed, Faizan`),
  family: list(`Khan, Hussain, Ahmed, Iqbal, Akhtar, Mahmood, Raza, Butt, Malik, Bibi, Shah, Rashid,
    Javed, Qureshi, Mirza, Aslam, Anwar, Sadiq, Hanif, Nawaz`),
}

const bangladeshi: Background = {
  ethnicity: 'ABAN',
  girls: list(`Tasnim, Sumaiya, Nusrat, Fahmida, Ruksana, Jannat, Tahmina, Rumana, Sadia, Mim, Afsana,
    Shirin`),
  boys: list(`Abdul, Rahim, Sabbir, Tanvir, Rayhan, Arif, Sajid, Shahid, Imran, Mahfuz, Nazmul, Rakib`),
  family: list(`Miah, Begum, Uddin, Rahman, Islam, Choudhury, Hoque, Ali, Hossain, Ahmed, Khatun, Alam,
    Haque, Sarkar, Talukder, Mahmud`),
}

const otherAsian: Background = {
  ethnicity: 'AOTH',
  girls: list(`Keerthana, Nilani, Sharmila, Mina, Sita, Pabitra, Angelica, Maricel, Zarina, Mariam`),
  boys: list(`Kajan, Thusan, Niroshan, Sujan, Bikash, Prakash, Jose, Angelo, Ahmad, Farid`),
  family: list(`Sivakumar, Rajan, Nadarajah, Thuraisingham, Gurung, Thapa, Rai, Magar, Santos, Reyes,
    Dela Cruz, Ahmadzai, Karimi, Rahimi, Hakimi`),
}

const blackAfrican: Background = {
  ethnicity: 'BAFR',
  girls: list(`Amina, Hodan, Nimco, Fartun, Chioma, Adaeze, Ngozi, Abena, Akosua, Esi, Tendai, Rutendo,
    Nyasha, Blessing, Precious, Favour, Zara, Deborah`),
  boys: list(`Abdirahman, Mohamed, Abdi, Liban, Chidi, Emeka, Tobi, Oluwaseun, Kwame, Kofi, Yaw,
    Tinashe, Tatenda, Tafara, David, Samuel, Daniel, Michael`),
  family: list(`Mohamed, Abdi, Hassan, Warsame, Farah, Osman, Ali, Okafor, Okonkwo, Adeyemi, Adebayo,
    Mensah, Boateng, Asante, Owusu, Moyo, Ndlovu, Dube, Kamara, Conteh`),
}

const blackCaribbean: Background = {
  ethnicity: 'BCRB',
  girls: list(`Shanice, Jada, Aaliyah, Tia, Keisha, Chantelle, Kayla, Jasmine, Imani, Nia, Shania, Leah,
    Amara`),
  boys: list(`Jayden, Tyrese, Kai, Malachi, Jermaine, Dwayne, Marcus, Isaiah, Elijah, Reuben, Kyle,
    Andre, Josiah`),
  family: list(`Campbell, Brown, Williams, Thompson, Clarke, Grant, Francis, Reid, Robinson, Johnson,
    Bailey, Henry, Richards, Lewis, Morgan, Gordon, Powell, Stewart, Samuels, Edwards`),
}

const blackOther: Background = {
  ethnicity: 'BOTH',
  girls: [...blackCaribbean.girls.slice(0, 7), ...blackAfrican.girls.slice(12)],
  boys: [...blackCaribbean.boys.slice(0, 7), ...blackAfrican.boys.slice(12)],
  family: [...blackCaribbean.family.slice(0, 10), ...blackAfrican.family.slice(7, 17)],
}

const chinese: Background = {
  ethnicity: 'CHNE',
  girls: list(`Mei, Xinyi, Yuxin, Zihan, Hoi Yan, Wing, Ying, Jia, Ling, Chloe, Emily, Zoe`),
  boys: list(`Hao, Yuxuan, Zihao, Junjie, Haoran, Chun, Ka Ho, Wai, Ming, Ryan, Jason, Kevin`),
  family: list(`Wang, Li, Zhang, Chen, Liu, Yang, Huang, Zhao, Wu, Zhou, Wong, Chan, Lam, Cheung, Ho, Ng,
    Leung, Lau`),
}

/** Arab heritage has no CIN code of its own: 'Any other ethnic group'. */
const arab: Background = {
  ethnicity: 'OOTH',
  girls: list(`Layla, Noor, Rania, Yasmin, Lina, Sara, Huda, Dana, Rahaf, Jana, Malak, Reem`),
  boys: list(`Omar, Ali, Khalid, Youssef, Ahmad, Karim, Tariq, Hadi, Sami, Adam, Mustafa, Rami`),
  family: list(`Haddad, Khalil, Nasser, Saleh, Mansour, Al-Hassan, Al-Sayed, Abdullah, Hamdan, Ibrahim,
    Jaber, Kassem, Awad, Darwish`),
}

/** A family's heritage: the parents' backgrounds and the ethnicity recorded for their children. */
export interface Heritage {
  ethnicity: Ethnicity
  parents: readonly [Background, Background]
  /** Relative share among households; roughly an English city's children. */
  weight: number
}

const single = (background: Background, weight: number): Heritage => ({
  ethnicity: background.ethnicity,
  parents: [background, background],
  weight,
})

const mixed = (ethnicity: Ethnicity, a: Background, b: Background, weight: number): Heritage => ({
  ethnicity,
  parents: [a, b],
  weight,
})

export const HERITAGES: readonly Heritage[] = [
  single(whiteBritish, 50),
  single(irish, 1.5),
  single(irishTraveller, 0.3),
  single(easternEuropean, 6),
  single(roma, 0.5),
  single(indian, 9),
  single(pakistani, 6),
  single(bangladeshi, 2.5),
  single(otherAsian, 2),
  single(blackAfrican, 6),
  single(blackCaribbean, 2),
  single(blackOther, 0.7),
  single(chinese, 1.2),
  single(arab, 2),
  mixed('MWBC', whiteBritish, blackCaribbean, 2),
  mixed('MWBA', whiteBritish, blackAfrican, 1),
  mixed('MWAS', whiteBritish, indian, 0.6),
  mixed('MWAS', whiteBritish, pakistani, 0.5),
  mixed('MWAS', whiteBritish, bangladeshi, 0.2),
  mixed('MOTH', whiteBritish, chinese, 0.4),
  mixed('MOTH', easternEuropean, arab, 0.3),
  mixed('MOTH', irish, blackAfrican, 0.3),
  mixed('MOTH', indian, blackCaribbean, 0.3),
  mixed('WOTH', easternEuropean, whiteBritish, 0.5),
]

/** Backgrounds to draw professionals' names from. */
export const ALL_BACKGROUNDS: readonly Background[] = [
  whiteBritish,
  irish,
  easternEuropean,
  indian,
  pakistani,
  bangladeshi,
  blackAfrican,
  blackCaribbean,
  chinese,
  arab,
]

/** Names a child may be 'known as' (an anglicised or chosen name). */
export const KNOWN_AS = whiteBritish
